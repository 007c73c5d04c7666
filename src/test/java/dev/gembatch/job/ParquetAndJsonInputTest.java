package dev.gembatch.job;

import static dev.gembatch.job.BadCsvInputTest.MODEL;
import static dev.gembatch.job.BadCsvInputTest.assertAnswered;
import static dev.gembatch.job.BadCsvInputTest.assertSkipped;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.output.ResultSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet and JSON-lines inputs: columns of every type rendered readably into the prompt and
 * passed through intact (nested ones included); null, blank and 1 MiB prompts; a broken JSON
 * line; an input with a schema and no rows.
 */
class ParquetAndJsonInputTest extends SparkTestBase {
    private static final StructType TYPES = new StructType()
            .add("id", DataTypes.IntegerType)
            .add("big", DataTypes.LongType)
            .add("ratio", DataTypes.DoubleType)
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("flag", DataTypes.BooleanType)
            .add("day", DataTypes.DateType)
            .add("at", DataTypes.TimestampType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
            .add("who", new StructType().add("name", DataTypes.StringType)
                    .add("langs", DataTypes.createArrayType(DataTypes.StringType)));
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2).build());

    @TempDir
    Path tmp;

    @Test
    void columnsOfEveryTypeAreRenderedReadablyAndPassedThroughIntact() throws Exception {
        Row row = RowFactory.create(1, 9_007_199_254_740_993L, 2.5, new BigDecimal("19.90"), true,
                Date.valueOf("2024-02-29"), Timestamp.from(Instant.parse("2024-02-29T13:45:30Z")),
                seq("red", null, "blue"), scalaMap("a", 1, "b", 2),
                RowFactory.create("Zoë", seq("fr", "日本語")));
        Dataset<Row> input = spark().createDataFrame(List.of(row), TYPES);
        Path in = tmp.resolve("types.parquet");
        input.write().parquet(in.toString());

        runJob(in, "prompt.template=\"{{big}}|{{ratio}}|{{price}}|{{flag}}|{{day}}|{{at}}|{{tags}}"
                + "|{{scores}}|{{who}}\"").expect(0);

        Dataset<Row> output = spark().read().parquet(out());
        Row answered = output.first();
        assertAnswered(answered, "9007199254740993|2.5|19.90|true|2024-02-29|2024-02-29T13:45:30Z"
                + "|[red, null, blue]|{a: 1, b: 2}|{\"name\":\"Zoë\",\"langs\":[\"fr\",\"日本語\"]}");
        Dataset<Row> written = spark().read().parquet(in.toString());
        Dataset<Row> passed = output.select(TYPES.fieldNames()[0],
                Arrays.copyOfRange(TYPES.fieldNames(), 1, TYPES.fieldNames().length));
        assertEquals(written.schema(), passed.schema());
        assertEquals(written.collectAsList(), passed.collectAsList());
    }

    @Test
    void nullAndBlankPromptsAreSkippedAndAOneMebibytePromptIsSentWhole() throws Exception {
        String huge = "x".repeat((1 << 20) - 2) + "é"; // exactly 1 MiB of UTF-8
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("prompt", DataTypes.StringType);
        Path in = tmp.resolve("prompts.parquet");
        spark().createDataFrame(List.of(RowFactory.create(1, null), RowFactory.create(2, ""),
                RowFactory.create(3, " \n\t "), RowFactory.create(4, huge),
                RowFactory.create(5, "short")), schema).write().parquet(in.toString());

        runJob(in, "prompt.template=null", "prompt.column=prompt").expect(0);

        Map<Integer, Row> rows = byId();
        assertEquals(5, rows.size());
        for (int id = 1; id <= 3; id++) {
            assertSkipped(rows.get(id), "null or blank");
        }
        assertAnswered(rows.get(4), huge);
        assertEquals(huge, rows.get(4).getAs("prompt"));
        assertEquals((huge.length() + 3) / 4, (int) rows.get(4).getAs("prompt_tokens"));
        assertAnswered(rows.get(5), "short");
        assertEquals(2, fixture.emulator.stats().totalRequests());
    }

    @Test
    void jsonLinesAreAnsweredAndABrokenLineIsASkippedRow() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\": 1, \"text\": \"première\", \"meta\": {\"n\": [1, 2]}}\n"
                + "{\"id\": 2, \"text\": \"broken\"\n"
                + "{\"id\": 3, \"text\": \"third\"}\n", StandardCharsets.UTF_8);
        JobFixture.Run run = runJob(in, "prompt.template=\"Say: {{text}}\"").expect(0);

        Dataset<Row> output = spark().read().parquet(out());
        assertEquals(List.of("id", "meta", "text"),
                Arrays.asList(output.columns()).subList(0, 3));
        Map<Long, Row> rows = output.collectAsList().stream().filter(r -> !r.isNullAt(0))
                .collect(Collectors.toMap(r -> r.getLong(0), Function.identity()));
        assertAnswered(rows.get(1L), "Say: première");
        assertAnswered(rows.get(3L), "Say: third");
        assertEquals(List.of(1L, 2L), rows.get(1L).getStruct(1).getList(0));
        List<Row> broken = output.where("id is null").collectAsList();
        assertEquals(1, broken.size());
        assertSkipped(broken.get(0), "malformed JSON line", "{\"id\": 2, \"text\": \"broken\"");
        Assertions.assertTrue(run.out().contains("1 row(s) could not be sent"), run.out());
        assertEquals(2, fixture.emulator.stats().totalRequests());
    }

    @Test
    void parquetWithNoRowsWritesTheFullSchemaAndExitsZero() throws Exception {
        Path in = tmp.resolve("none.parquet");
        spark().createDataFrame(List.<Row>of(), TYPES).write().parquet(in.toString());
        runJob(in, "prompt.template=\"{{tags}}\"").expect(0);
        Dataset<Row> output = spark().read().parquet(out());
        assertEquals(0, output.count());
        assertEquals(TYPES.length() + ResultSchema.columnNames("").size(), output.columns().length);
        assertEquals(TYPES.apply("who").dataType(), output.schema().apply("who").dataType());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void emptyOrUnreadableInputsAreNamedBeforeAnythingIsSent() throws Exception {
        Path emptyJson = tmp.resolve("empty.jsonl");
        Files.writeString(emptyJson, "");
        assertErr(runJob(emptyJson).expect(2), "holds no JSON object");
        Path emptyDir = Files.createDirectories(tmp.resolve("nothing"));
        Files.writeString(emptyDir.resolve("_SUCCESS"), "");
        assertErr(runJob(emptyDir).expect(2), "is a directory without data files");
        Path garbage = tmp.resolve("garbage.parquet");
        Files.writeString(garbage, "id,text\n1,not parquet\n");
        assertErr(runJob(garbage).expect(2), "cannot be read as parquet");
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    private static void assertErr(JobFixture.Run run, String part) {
        Assertions.assertTrue(run.err().contains("input.path") && run.err().contains(part),
                run.err());
    }

    private JobFixture.Run runJob(Path input, String... sets) throws Exception {
        Path job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input.path = " + JobFixture.q(input),
                "prompt.template = \"{{id}}\"",
                "model.name = \"" + MODEL + "\"",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.master = \"local[2]\""));
        return fixture.run(job, sets);
    }

    private String out() {
        return tmp.resolve("out").toString();
    }

    private Map<Integer, Row> byId() {
        return spark().read().parquet(out()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getInt(0), Function.identity()));
    }

    private static scala.collection.Seq<Object> seq(Object... items) {
        return scala.collection.JavaConverters.asScalaBuffer(Arrays.asList(items)).toSeq();
    }

    private static scala.collection.Map<Object, Object> scalaMap(Object k1, Object v1, Object k2,
                                                                 Object v2) {
        java.util.Map<Object, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return scala.collection.JavaConverters.mapAsScalaMap(m);
    }
}
