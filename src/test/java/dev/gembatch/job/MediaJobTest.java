package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multimodal rows end to end on local[2] against the emulator, from a Parquet input with a binary
 * column, a path column (relative and absolute paths, files in a temp dir) and a URI column: the
 * answers prove the exact bytes arrived (the emulator answers about each part's size and hash),
 * and rows whose media cannot be sent come out SKIPPED INVALID_INPUT, never sent, in both the
 * dedupe path and the plain path.
 */
class MediaJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int LIMIT = 1000;
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;
    private final byte[] mugPhoto = bytes(100, 1);
    private final byte[] lampPhoto = bytes(120, 2);
    private final byte[] mugFile = bytes(200, 3);
    private final byte[] lampFile = bytes(300, 4);

    @BeforeEach
    void writeInput() throws Exception {
        Path img = Files.createDirectories(tmp.resolve("data/img"));
        Files.write(img.resolve("mug.jpg"), mugFile);
        Files.write(img.resolve("lamp.png"), lampFile);
        Files.write(img.resolve("big.png"), bytes(LIMIT, 5));
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("name", DataTypes.StringType).add("photo", DataTypes.BinaryType)
                .add("photo_path", DataTypes.StringType).add("photo_mime", DataTypes.StringType)
                .add("doc_uri", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create("mug", "mug", mugPhoto, "img/mug.jpg", "image/jpeg",
                        "gs://bucket/mug.pdf"),
                RowFactory.create("lamp", "lamp", lampPhoto, img.resolve("lamp.png").toString(),
                        "IMAGE/PNG", null),
                RowFactory.create("big-file", "x", bytes(10, 6), "img/big.png", "image/png", null),
                RowFactory.create("big-photo", "x", bytes(LIMIT + 1, 7), "img/mug.jpg",
                        "image/jpeg", null),
                RowFactory.create("missing", "x", bytes(10, 8), "img/missing.png", "image/png",
                        null),
                RowFactory.create("no-photo", "x", null, "img/mug.jpg", "image/jpeg", null),
                RowFactory.create("bad-mime", "x", bytes(10, 9), "img/mug.jpg", "jpeg", null));
        spark().createDataFrame(rows, schema).repartition(2).write()
                .parquet(tmp.resolve("data/products.parquet").toString());
    }

    @Test
    void mediaReachTheModelAndBadRowsAreSkippedOnTheDedupePath() throws Exception {
        checkOutput(run());
    }

    @Test
    void mediaReachTheModelAndBadRowsAreSkippedOnThePlainPath() throws Exception {
        checkOutput(run("pipeline.dedupe=false"));
    }

    @Test
    void dryRunShowsTheRequestWithInlineDataElided() throws Exception {
        String out = JobFixture.main(job().toString(), "--set", "gemini.base-url=\""
                + fixture.emulator.baseUrl() + "\"", "--set", "gemini.api-key=\""
                + fixture.emulator.apiKey() + "\"", "--dry-run").expect(0).out();
        Assertions.assertTrue(out.contains("\"data\" : \"<100 bytes base64, elided>\""), out);
        Assertions.assertTrue(out.contains("\"data\" : \"<200 bytes base64, elided>\""), out);
        Assertions.assertTrue(out.contains("\"fileUri\" : \"gs://bucket/mug.pdf\""), out);
        Assertions.assertTrue(out.contains("requests:  2 (5 rows cannot be sent"), out);
        Assertions.assertFalse(out.contains(java.util.Base64.getEncoder().encodeToString(mugFile)));
        Assertions.assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void anInlineColumnThatIsNotBinaryIsAnInputErrorAndNothingIsSent() throws Exception {
        JobFixture.Run run = fixture.run(job(), "prompt.parts=[{inline-column = photo_path,"
                + " mime-type = \"image/png\"}]").expect(2);
        Assertions.assertTrue(run.err().contains("prompt.parts[0].inline-column: column"
                + " 'photo_path' is string, expected binary"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void aPartColumnMissingFromTheInputIsNamedWithItsKey() throws Exception {
        JobFixture.Run run = fixture.run(job(), "prompt.parts=[{uri-column = doc,"
                + " mime-type-column = kind}]").expect(2);
        Assertions.assertTrue(run.err().contains("prompt.parts[0].uri-column (--set prompt.parts"),
                run.err());
        Assertions.assertTrue(run.err().contains("): column 'doc' is not in the input"), run.err());
        Assertions.assertTrue(run.err().contains("prompt.parts[0].mime-type-column (--set"
                + " prompt.parts") && run.err().contains("): column 'kind' is not in the input"),
                run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    private void checkOutput(Map<String, Row> out) throws Exception {
        assertEquals(7, out.size());
        assertEquals(2L, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        assertAnswered(out.get("mug"), "[inline image/png 100 bytes sha256:" + sha(mugPhoto) + "]\n"
                + "[inline image/jpeg 200 bytes sha256:" + sha(mugFile) + "]\n"
                + "[file application/pdf gs://bucket/mug.pdf]\nDescribe the mug.");
        assertAnswered(out.get("lamp"), "[inline image/png 120 bytes sha256:" + sha(lampPhoto)
                + "]\n[inline image/png 300 bytes sha256:" + sha(lampFile) + "]\nDescribe the lamp.");
        String data = tmp.resolve("data").toUri().toString().replace("file:///", "file:/");
        assertSkipped(out.get("big-file"), "inline data too large: file " + data + "img/big.png"
                + " (column photo_path) holds 1000 bytes; the request's inline data would total"
                + " 1010 bytes, over prompt.max-inline-bytes (1000 bytes)");
        assertSkipped(out.get("big-photo"), "inline data too large: column 'photo' holds 1001"
                + " bytes; the request's inline data would total 1001 bytes, over"
                + " prompt.max-inline-bytes (1000 bytes)");
        assertSkipped(out.get("missing"), "file " + data + "img/missing.png (column photo_path)"
                + " does not exist");
        assertSkipped(out.get("no-photo"), "column 'photo' is null or empty (prompt.parts[0] is"
                + " not optional)");
        assertSkipped(out.get("bad-mime"), "column 'photo_mime' holds 'jpeg', not a MIME type"
                + " such as image/png (column photo_path)");
    }

    private static void assertAnswered(Row row, String promptText) {
        assertEquals("OK", row.getAs("status"), row::toString);
        assertEquals(EmulatorAnswers.textFor(MODEL, promptText), row.getAs("answer"));
        Assertions.assertTrue(((String) row.getAs("answer")).contains(promptText.lines()
                .findFirst().orElseThrow()), () -> row.getAs("answer"));
    }

    private static void assertSkipped(Row row, String message) {
        assertEquals("SKIPPED", row.getAs("status"), row::toString);
        assertEquals("INVALID_INPUT", row.getAs("error_status"));
        assertEquals(message, row.getAs("error_message"));
        Assertions.assertNull(row.getAs("request_id"));
    }

    private Map<String, Row> run(String... sets) throws Exception {
        fixture.run(job(), sets).expect(0);
        return spark().read().parquet(tmp.resolve("out").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), Function.identity()));
    }

    private Path job() throws Exception {
        return JobFixture.jobFile(tmp, "media.conf", String.join("\n",
                "input { path = " + JobFixture.q(tmp.resolve("data/products.parquet"))
                        + ", id-column = id }",
                "prompt {",
                "  template = \"Describe the {{name}}.\"",
                "  parts = [",
                "    { inline-column = photo, mime-type = \"image/png\" }",
                "    { file-column = photo_path, mime-type-column = photo_mime }",
                "    { uri-column = doc_uri, mime-type = \"application/pdf\", optional = true }",
                "  ]",
                "  max-inline-bytes = " + LIMIT,
                "}",
                "model.name = " + MODEL,
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "spark { master = \"local[2]\", partitions = 2 }"));
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed * 17);
        }
        return bytes;
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                .substring(0, 12);
    }
}
