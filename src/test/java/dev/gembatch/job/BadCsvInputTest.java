package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import org.junit.jupiter.api.Assertions;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.output.ResultSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files as users really have them: malformed lines, quoted newlines, a byte order mark,
 * bytes of another character set, a header and nothing else. Every line comes out as a row; the
 * ones that cannot be sent are SKIPPED with INVALID_INPUT and reported; nothing is sent twice.
 */
class BadCsvInputTest extends SparkTestBase {
    static final String MODEL = "gemini-2.5-flash";
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2).build());

    @TempDir
    Path tmp;

    @Test
    void malformedLinesBecomeSkippedRowsAndAreReportedWithSamples() throws Exception {
        Path csv = write("bad.csv", "id,text\n1,fine\n2,one,too many\n3\n4,\"also fine\"\n");
        JobFixture.Run run = runJob(csv).expect(0);

        Map<String, Row> rows = byId(tmp.resolve("out"));
        assertEquals(List.of("1", "2", "3", "4"), rows.keySet().stream().sorted().toList());
        assertAnswered(rows.get("1"), "Say: fine");
        assertAnswered(rows.get("4"), "Say: also fine");
        assertSkipped(rows.get("2"), "malformed CSV record", "2,one,too many");
        assertSkipped(rows.get("3"), "malformed CSV record", "3");
        assertEquals("one", rows.get("2").getAs("text"), "what parsed of a bad record is kept");
        Assertions.assertTrue(run.out().contains("2 row(s) could not be sent"), run.out());
        Assertions.assertTrue(run.out().contains("2,one,too many"), run.out());
        assertEquals(2, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        assertEquals(0, fixture.emulator.stats().paidTwice());
    }

    @Test
    void malformedRecordColumnNeverReachesTheOutputSchema() throws Exception {
        Path csv = write("bad.csv", "id,text\n1,fine\n2,a,b\n");
        runJob(csv).expect(0);
        List<String> columns = Arrays.asList(spark().read().parquet(out()).columns());
        List<String> expected = new java.util.ArrayList<>(List.of("id", "text"));
        expected.addAll(ResultSchema.columnNames(""));
        assertEquals(expected, columns);
    }

    @Test
    void quotedNewlinesAndAByteOrderMarkAreReadAsWritten() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = "id,text\r\n1,\"two\r\nlines, \"\"quoted\"\"\"\r\n2,plain\r\n";
        Path csv = tmp.resolve("bom.csv");
        Files.write(csv, concat(bom, body.getBytes(StandardCharsets.UTF_8)));
        runJob(csv).expect(0);

        assertEquals("id", spark().read().parquet(out()).columns()[0]);
        Map<String, Row> rows = byId(tmp.resolve("out"));
        assertEquals(2, rows.size());
        // Spark's CSV parser reads a CR LF inside quotes as LF (documented in README)
        assertEquals("two\nlines, \"quoted\"", rows.get("1").getAs("text"));
        assertAnswered(rows.get("1"), "Say: two\nlines, \"quoted\"");
        assertAnswered(rows.get("2"), "Say: plain");
    }

    @Test
    void latin1BytesAreDecodedWhenTheEncodingIsSet() throws Exception {
        Path csv = tmp.resolve("latin1.csv");
        Files.write(csv, "id,text\n1,café crème\n".getBytes(StandardCharsets.ISO_8859_1));
        runJob(csv, "input.csv.encoding=ISO-8859-1").expect(0);
        Row row = byId(tmp.resolve("out")).get("1");
        assertEquals("café crème", row.getAs("text"));
        assertAnswered(row, "Say: café crème");
    }

    @Test
    void latin1BytesReadAsUtf8AreSkippedWithAHintInsteadOfSentMangled() throws Exception {
        Path csv = tmp.resolve("latin1.csv");
        Files.write(csv, "id,text\n1,café\n2,plain\n".getBytes(StandardCharsets.ISO_8859_1));
        JobFixture.Run run = runJob(csv).expect(0);
        Map<String, Row> rows = byId(tmp.resolve("out"));
        assertSkipped(rows.get("1"), "not valid UTF-8", "input.csv.encoding");
        assertAnswered(rows.get("2"), "Say: plain");
        Assertions.assertTrue(run.out().contains("input.csv.encoding"), run.out());
        assertEquals(1, fixture.emulator.stats().totalRequests());
    }

    @Test
    void headerOnlyInputWritesTheFullSchemaWithNoRows() throws Exception {
        Path csv = write("empty.csv", "id,text\n");
        JobFixture.Run run = runJob(csv).expect(0);
        List<String> columns = Arrays.asList(spark().read().parquet(out()).columns());
        assertEquals(List.of("id", "text"), columns.subList(0, 2));
        assertEquals(2 + ResultSchema.columnNames("").size(), columns.size());
        assertEquals(0, spark().read().parquet(out()).count());
        Assertions.assertTrue(run.out().contains("0 rows written"), run.out());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void zeroByteFileIsAnInputErrorThatSaysItIsEmpty() throws Exception {
        Path csv = write("nothing.csv", "");
        JobFixture.Run run = runJob(csv).expect(2);
        Assertions.assertTrue(run.err().contains("input.path") && run.err().contains("is empty"), run.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void duplicateAndMissingIdsAreRefusedBeforeAnythingIsSent() throws Exception {
        Path csv = write("dups.csv", "id,text\n7,a\n7,b\n8,c\n9,d\n9,e\n9,f\n,g\n");
        JobFixture.Run run = runJob(csv, "input.id-column=id").expect(2);
        Assertions.assertTrue(run.err().contains("input.id-column: column 'id' must hold a unique key, but 2"
                + " value(s) occur more than once (e.g. '9' in 3 rows, '7' in 2 rows)"), run.err());
        Assertions.assertTrue(run.err().contains("is null in 1 row(s)"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void duplicateHeaderNamesAreRefusedNamingThemAndTheirPositions() throws Exception {
        Path csv = write("dup-header.csv", "id,text,ID\n1,hello,2\n");
        JobFixture.Run run = runJob(csv).expect(2);
        Assertions.assertTrue(run.err().contains("repeats the name 'id' at positions 1, 3"),
                run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void emptyHeaderNamesAreRefusedBeforeTheTemplateIsChecked() throws Exception {
        Path csv = write("empty-header.csv", "id,text,,text\n1,hello,x,again\n");
        JobFixture.Run run = runJob(csv).expect(2);
        Assertions.assertTrue(run.err().contains("repeats the name 'text' at positions 2, 4"),
                run.err());
        Assertions.assertTrue(run.err().contains("has no name at position 3"), run.err());
        assertFalse(run.err().contains("text1"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void uniqueIdsPass() throws Exception {
        Path csv = write("ids.csv", "id,text\n7,a\n8,b\n");
        runJob(csv, "input.id-column=id").expect(0);
        assertEquals(2, byId(tmp.resolve("out")).size());
    }

    private JobFixture.Run runJob(Path input, String... sets) throws Exception {
        return fixture.sayText(tmp, input, MODEL, sets);
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private String out() {
        return tmp.resolve("out").toString();
    }

    Map<String, Row> byId(Path out) {
        return spark().read().parquet(out.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> String.valueOf((Object) r.getAs("id")),
                        Function.identity()));
    }

    static void assertAnswered(Row row, String prompt) {
        assertEquals("OK", row.getAs("status"), row::toString);
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt), row.getAs("answer"));
    }

    static void assertSkipped(Row row, String... messageParts) {
        assertEquals("SKIPPED", row.getAs("status"), row::toString);
        assertEquals("INVALID_INPUT", row.getAs("error_status"));
        assertNull(row.getAs("request_id"));
        String message = row.getAs("error_message");
        for (String part : messageParts) {
            Assertions.assertTrue(message.contains(part), message);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
