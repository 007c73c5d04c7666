package dev.gembatch.job;

import static dev.gembatch.job.BadCsvInputTest.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gembatch.emulator.EmulatorOptions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An input directory is read whole, so every data file in it must be of the input format: files
 * of another kind stop the job before anything is sent, named; the markers and checksums Spark
 * and Hadoop leave (names starting with '_' or '.') are ignored; partition folders are read.
 */
class InputDirectoryTest extends SparkTestBase {
    private static final StructType ROWS = new StructType().add("id", DataTypes.StringType)
            .add("text", DataTypes.StringType).add("lang", DataTypes.StringType);
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2).build());

    @TempDir
    Path tmp;

    /** Issue 11 item 7a: a .txt, a .bin and a README beside the CSV files were read as CSV. */
    @ParameterizedTest(name = "input.format = {0}")
    @ValueSource(strings = {"csv", "auto"})
    void strayFilesInACsvDirectoryAreNamedAndNothingIsSent(String format) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        write(dir.resolve("part-0.csv"), "id,text\n1,hello\n");
        write(dir.resolve("notes.txt"), "id,text\n2,private notes\n");
        write(dir.resolve("blob.bin"), "id,text\n3,\u0000\u0001\n");
        write(dir.resolve("README"), "id,text\n4,what this folder holds\n");
        write(dir.resolve("_SUCCESS"), "");
        write(dir.resolve(".part-0.csv.crc"), "crc");

        JobFixture.Run run = runJob(dir, "input.format=" + format).expect(2);

        Assertions.assertTrue(run.err().contains("input.path")
                && run.err().contains("3 file(s)"), run.err());
        for (String stray : List.of("notes.txt", "blob.bin", "README")) {
            Assertions.assertTrue(run.err().contains(stray), stray + " not named in: " + run.err());
        }
        assertFalse(run.err().contains("_SUCCESS") || run.err().contains(".crc"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void strayFileInsideAPartitionFolderIsNamedWithItsFolder() throws Exception {
        Path dir = tmp.resolve("in");
        parquet(dir);
        write(dir.resolve("lang=fr").resolve("notes.txt"), "not parquet\n");
        JobFixture.Run run = runJob(dir).expect(2);
        Assertions.assertTrue(run.err().contains("lang=fr/notes.txt"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void csvDirectoryWrittenBySparkIsReadWholeIgnoringItsMarkers() throws Exception {
        Path dir = tmp.resolve("in");
        spark().createDataFrame(rows(), ROWS).repartition(2).write().option("header", true)
                .csv(dir.toString());
        Assertions.assertTrue(Files.exists(dir.resolve("_SUCCESS")));
        runJob(dir).expect(0);
        assertEquals(3, spark().read().parquet(tmp.resolve("out").toString())
                .where("status = 'OK'").count());
        assertEquals(3, fixture.emulator.stats().totalRequests());
    }

    @Test
    void partitionedParquetDirectoryKeepsItsPartitionColumn() throws Exception {
        Path dir = tmp.resolve("in");
        parquet(dir);
        runJob(dir, "prompt.template=\"{{lang}}: {{text}}\"").expect(0);
        List<Row> out = spark().read().parquet(tmp.resolve("out").toString())
                .where("status = 'OK'").select("lang").distinct().collectAsList();
        assertEquals(2, out.size(), out::toString);
        assertEquals(3, fixture.emulator.stats().totalRequests());
    }

    @Test
    void partitionedCsvDirectoryKeepsItsPartitionColumn() throws Exception {
        Path dir = tmp.resolve("in");
        write(dir.resolve("lang=en").resolve("a.csv"), "id,text\n1,one\n2,two\n");
        write(dir.resolve("lang=fr").resolve("b.csv"), "id,text\n3,trois\n");
        runJob(dir, "prompt.template=\"{{lang}}: {{text}}\"").expect(0);
        Dataset<Row> out = spark().read().parquet(tmp.resolve("out").toString());
        assertEquals(List.of("id", "text", "lang"), List.of(out.columns()).subList(0, 3));
        assertEquals(3, out.where("status = 'OK'").count(), () -> out.collectAsList().toString());
        assertEquals(3, fixture.emulator.stats().totalRequests());
    }

    @Test
    void csvFilesOfAnyCaseAndCompressedOnesAreRead() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        write(dir.resolve("a.csv"), "id,text\n1,one\n");
        write(dir.resolve("b.CSV"), "id,text\n2,two\n");
        Path gzipped = dir.resolve("c.csv.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            gz.write("id,text\n3,three\n".getBytes(StandardCharsets.UTF_8));
        }
        runJob(dir).expect(0);
        assertEquals(3, fixture.emulator.stats().totalRequests());
    }

    @Test
    void subfolderThatIsNotAPartitionIsNamedBecauseSparkWouldNotReadIt() throws Exception {
        write(tmp.resolve("in").resolve("a.csv"), "id,text\n1,one\n");
        write(tmp.resolve("in").resolve("2024").resolve("b.csv"), "id,text\n2,two\n");
        JobFixture.Run run = runJob(tmp.resolve("in")).expect(2);
        Assertions.assertTrue(run.err().contains("2024/") && run.err().contains("partition"),
                run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    private void parquet(Path dir) {
        spark().createDataFrame(rows(), ROWS).write().partitionBy("lang").parquet(dir.toString());
    }

    private static List<Row> rows() {
        return List.of(RowFactory.create("1", "one", "en"), RowFactory.create("2", "two", "en"),
                RowFactory.create("3", "trois", "fr"));
    }

    private JobFixture.Run runJob(Path input, String... sets) throws Exception {
        return fixture.sayText(tmp, input, MODEL, sets);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
