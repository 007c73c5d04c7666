package dev.gembatch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.config.CsvSettings;
import dev.gembatch.config.InputFormat;
import dev.gembatch.config.InputSettings;
import dev.gembatch.job.SparkTestBase;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first rows {@link InputTable#firstRows} reads without Spark are the rows Spark's own read
 * of the input ({@link InputTable#read}) begins with, with the same columns, for the files that
 * are hard to parse: quoted fields holding the delimiter, a quote or a line break, escapes, empty
 * and blank fields, a byte order mark, blank lines, other delimiters and character sets, a
 * compressed file, a directory of one file. Where Spark would do more than read (a malformed
 * record, a header it would rename, several files, a partition folder, another format) there
 * are no first rows, and the preview (or a run's header) takes Spark.
 */
class CsvHeadTest extends SparkTestBase {
    private static final CsvSettings RFC = new CsvSettings(true, ",", "\"", "\"", true, "UTF-8");
    private static final CsvSettings LINES = new CsvSettings(true, ",", "\"", "\"", false, "UTF-8");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "multiline = {0}")
    @ValueSource(booleans = {true, false})
    void quotedAndEmptyFieldsAreSparks(boolean multiline) throws Exception {
        Path csv = write("a.csv", "id,\"name, full\",\"say \"\"hi\"\"\", spaced \n"
                + "1,\"a, b\",\"\"\"q\"\"\",  \n2,,\"\",x\n3,c,d,\n");
        assertSameAsSpark(csv, multiline ? RFC : LINES, 3);
    }

    @Test
    void aLineBreakInsideAQuotedFieldIsKeptWhenMultiline() throws Exception {
        Path csv = write("a.csv", "id,\"two\nlines\",x\n1,\"first\nsecond\",3\n2,b,c\n");
        FirstRows first = assertSameAsSpark(csv, RFC, 2);
        assertEquals("first\nsecond", first.rows().get(0).getString(1));
    }

    @ParameterizedTest(name = "multiline = {0}")
    @ValueSource(booleans = {true, false})
    void aByteOrderMarkAndBlankLinesAreNotRead(boolean multiline) throws Exception {
        Path csv = write("bom.csv", "\uFEFFreview_id,text\n\n1,a\n\n2,b\n");
        FirstRows first = assertSameAsSpark(csv, multiline ? RFC : LINES, 2);
        assertEquals("review_id", first.schema().fieldNames()[0]);
        Path blank = write("blank.csv", "\n\nreview_id,text\n1,a\n");
        assertSameAsSpark(blank, multiline ? RFC : LINES, 1);
    }

    @Test
    void otherDelimitersEscapesAndCharacterSetsAreSparks() throws Exception {
        Path semi = write("semi.csv", "id;'it''s';'a;b'\n1;'x;y';''\n");
        assertSameAsSpark(semi, new CsvSettings(true, ";", "'", "'", true, "UTF-8"), 1);
        Path tab = write("tab.csv", "id\t\"x\\\"y\"\tz\n1\t\"a\\\"b\"\t3\n");
        assertSameAsSpark(tab, new CsvSettings(true, "\t", "\"", "\\", false, "UTF-8"), 1);
        Path latin = tmp.resolve("latin.csv");
        Files.write(latin, "café,naïve\nà,ü\n".getBytes(Charset.forName("ISO-8859-1")));
        FirstRows first = assertSameAsSpark(latin,
                new CsvSettings(true, ",", "\"", "\"", true, "ISO-8859-1"), 1);
        assertEquals("ü", first.rows().get(0).getString(1));
    }

    @Test
    void aCompressedFileAndADirectoryOfOneFileAreRead() throws Exception {
        Path gz = tmp.resolve("c.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("id,text\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        assertSameAsSpark(gz, RFC, 2);
        write("dir/_SUCCESS", "");
        write("dir/part-0.csv", "id,text\n1,a\n");
        assertSameAsSpark(tmp.resolve("dir"), RFC, 1);
    }

    @Test
    void aHeaderAloneHasItsColumnsAndNoRows() throws Exception {
        FirstRows first = assertSameAsSpark(write("h.csv", "id,text\n"), RFC, 0);
        assertEquals(List.of("id", "text"), Arrays.asList(first.schema().fieldNames()));
    }

    @Test
    void fewerRowsThanAskedAreAllTheRows() throws Exception {
        FirstRows first = assertSameAsSpark(write("two.csv", "id,text\n1,a\n2,b\n"), RFC, 2);
        assertEquals(2, InputTable.firstRows(hadoop(), settings(tmp.resolve("two.csv"), RFC), 10)
                .rows().size());
        assertEquals(2, first.rows().size());
    }

    @Test
    void whereSparkWouldDoMoreThanReadThereAreNoFirstRows() throws Exception {
        assertNull(firstRows(write("short.csv", "id,text\n1\n"), RFC, 3), "too few fields");
        assertNull(firstRows(write("long.csv", "id,text\n1,a,b\n"), RFC, 3), "too many fields");
        assertNull(firstRows(write("dup.csv", "id,ID\n1,2\n"), RFC, 3), "a renamed header");
        assertNull(firstRows(write("j.json", "{\"id\":1}\n"), RFC, 3), "JSON");
        assertNull(firstRows(write("nohead.csv", "1,a\n"),
                new CsvSettings(false, ",", "\"", "\"", true, "UTF-8"), 3), "no header");
        write("two/a.csv", "id\n1\n");
        write("two/b.csv", "id\n2\n");
        assertNull(firstRows(tmp.resolve("two"), RFC, 3), "several files");
        write("part/lang=fr/a.csv", "id\n1\n");
        assertNull(firstRows(tmp.resolve("part"), RFC, 3), "a partition column");
        FirstRows later = firstRows(write("late.csv", "id,text\n1,a\n2\n"), RFC, 1);
        assertNotNull(later, "a malformed record after the first rows is not read");
        assertEquals(1, later.rows().size());
    }

    @Test
    void aRunReadsTheHeaderOfOneLocalFileWithoutASparkJob() throws Exception {
        Path csv = write("a.csv", "id,text\n1,a\n");
        List<String> columns = new ArrayList<>();
        List<String> jobs = sparkJobs(() -> columns.addAll(
                Arrays.asList(InputTable.read(spark(), settings(csv, RFC)).columns())));
        assertEquals(List.of(), jobs);
        assertEquals(List.of("id", "text"), columns);
    }

    /** Asserts the first n rows equal Spark's, schema and values, and returns them. */
    private FirstRows assertSameAsSpark(Path csv, CsvSettings csvSettings, int n)
            throws Exception {
        InputSettings in = settings(csv, csvSettings);
        FirstRows first = InputTable.firstRows(hadoop(), in, n);
        assertNotNull(first, "read without Spark");
        assertEquals(CsvInput.headerColumns(spark(), in), first.schema(), "Spark's header");
        var sparks = InputTable.read(spark(), in);
        assertEquals(sparks.schema(), first.schema());
        assertEquals(values(sparks.takeAsList(n)), values(first.rows()));
        assertEquals(n, first.rows().size());
        return first;
    }

    private FirstRows firstRows(Path csv, CsvSettings csvSettings, int n) throws Exception {
        return InputTable.firstRows(hadoop(), settings(csv, csvSettings), n);
    }

    private static InputSettings settings(Path csv, CsvSettings csvSettings) {
        return new InputSettings(csv.toString(), InputFormat.AUTO, csvSettings, null);
    }

    private static List<List<Object>> values(List<Row> rows) {
        List<List<Object>> values = new ArrayList<>();
        for (Row r : rows) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                v.add(r.get(i));
            }
            values.add(v);
        }
        return values;
    }

    private Configuration hadoop() {
        return spark().sparkContext().hadoopConfiguration();
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
