package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured output on local[2] against the emulator: answers are parsed into a typed
 * answer_struct column in Parquet; answers that are not JSON of the schema are FAILED with their
 * text kept and a null struct, counted so in the report, and re-sent by retry-failed.
 */
class StructuredOutputJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(3)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;

    @Test
    void sampleJobWritesTypedStructsThatHoldExactlyTheAnswersJson() throws Exception {
        Path out = tmp.resolve("structured");
        fixture.run(Path.of("jobs/samples/reviews-structured.conf"),
                "output.path=" + JobFixture.q(out), "pipeline.dedupe=false").expect(0);

        Dataset<Row> output = spark().read().parquet(out.toString());
        StructType aspect = new StructType().add("name", DataTypes.StringType)
                .add("positive", DataTypes.BooleanType);
        StructType expected = new StructType().add("sentiment", DataTypes.StringType)
                .add("stars", DataTypes.IntegerType)
                .add("aspects", DataTypes.createArrayType(aspect, true))
                .add("language", DataTypes.StringType);
        assertEquals(expected, output.schema().apply("answer_struct").dataType());
        assertEquals("answer_struct", output.columns()[output.columns().length - 1]);
        List<Row> rows = output.withColumn("struct_json", functions.to_json(
                functions.col("answer_struct"))).collectAsList();
        assertEquals(12, rows.size());
        for (Row row : rows) {
            if ("SKIPPED".equals(row.getAs("status"))) {
                assertNull(row.getAs("answer_struct"));
                continue;
            }
            assertEquals("OK", row.getAs("status"), row::toString);
            assertEquals(JSON.readTree((String) row.getAs("answer")),
                    JSON.readTree((String) row.getAs("struct_json")), row::toString);
            Row struct = row.getAs("answer_struct");
            Assertions.assertTrue(Set.of("positive", "negative", "mixed")
                    .contains(struct.getString(0)), row::toString);
            Assertions.assertTrue(struct.getInt(1) >= 1 && struct.getInt(1) <= 5, row::toString);
        }
        assertEquals(10, fixture.emulator.stats().totalRequests());
    }

    @Test
    void answersNotJsonOfTheSchemaFailKeepTheirTextAndAreResentByRetryFailed() throws Exception {
        Path out = tmp.resolve("out");
        Path job = job(out);
        fixture.run(job).expect(0);

        Map<String, Row> rows = byId(out);
        for (String id : List.of("q1", "q2", "q3")) {
            assertEquals("OK", rows.get(id).getAs("status"));
            Row struct = rows.get(id).getAs("answer_struct");
            Assertions.assertTrue(struct.getLong(struct.fieldIndex("score")) <= 10, id);
        }
        Row bad = rows.get("bad");
        assertEquals("FAILED", bad.getAs("status"));
        assertEquals("INVALID_JSON", bad.getAs("error_status"));
        assertEquals("STOP", bad.getAs("finish_reason"));
        Assertions.assertTrue(((String) bad.getAs("error_message")).startsWith(
                "not JSON: Unrecognized token 'Emulated'"), bad::toString);
        assertEquals(EmulatorAnswers.textFor(MODEL, "Rate [[gembatch:bad-json]]"),
                bad.getAs("answer"));
        assertNull(bad.getAs("answer_struct"));
        Row mismatch = rows.get("mismatch");
        assertEquals("SCHEMA_MISMATCH", mismatch.getAs("error_status"));
        assertEquals("$.label: expected one of [good, bad], got 42",
                mismatch.getAs("error_message"));
        assertEquals(42, JSON.readTree((String) mismatch.getAs("answer")).get("label").asInt());
        assertNull(mismatch.getAs("answer_struct"));
        Row cut = rows.get("cut");
        assertEquals("TRUNCATED", cut.getAs("status"));
        assertNull(cut.getAs("error_status"));
        assertNull(cut.getAs("answer_struct"));

        JsonNode report = JSON.readTree(out.resolve("_gembatch_report/report.json").toFile());
        assertEquals(2, report.at("/rows/by_status/FAILED").asLong(), report::toString);
        assertEquals(3, report.at("/rows/by_status/OK").asLong(), report::toString);

        fixture.emulator.resetStats();
        fixture.run(job, "output.mode=retry-failed").expect(0);
        assertEquals(2, fixture.emulator.stats().totalRequests(),
                fixture.emulator.stats()::toJson);
        Map<String, Row> again = byId(out);
        assertEquals(6, again.size());
        assertEquals("SCHEMA_MISMATCH", again.get("mismatch").getAs("error_status"));
        assertEquals((Row) rows.get("q2").getAs("answer_struct"),
                again.get("q2").getAs("answer_struct"));
    }

    @Test
    void schemaThatCannotBeTypedStopsTheJobBeforeAnythingIsSent() throws Exception {
        JobFixture.Run run = fixture.run(job(tmp.resolve("never")),
                "model.generation.response-schema.properties.score.type=FLOAT").expect(2);
        Assertions.assertTrue(run.err().contains(
                "model.generation.response-schema.properties.score.type"), run.err());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void inASpreadsheetJobEachJsonAnswerGetsItsOwnStructAndAFailedOneStopsItsReaders()
            throws Exception {
        Path out = tmp.resolve("sheet");
        job(out);
        Path sheet = JobFixture.jobFile(tmp, "sheet.conf", String.join("\n",
                "include \"structured.conf\"",
                "prompt.template = null",
                "model.generation { response-mime-type = null, response-schema = null }",
                "answers {",
                "  facts { prompt.template = \"{{question}}\", model.generation {",
                "    response-mime-type = application/json",
                "    response-schema { type = array, items { type = string } } } }",
                "  verdict.prompt.template = \"Judge {{facts}}\"",
                "}"));
        fixture.run(sheet).expect(0);

        Dataset<Row> output = spark().read().parquet(out.toString());
        String[] columns = output.columns();
        assertEquals("facts_answer_struct", columns[columns.length - 1]);
        Assertions.assertFalse(List.of(columns).contains("verdict_answer_struct"));
        assertEquals(DataTypes.createArrayType(DataTypes.StringType, true),
                output.schema().apply("facts_answer_struct").dataType());
        Map<String, Row> rows = byId(out);
        Row q1 = rows.get("q1");
        assertEquals("OK", q1.getAs("verdict_status"));
        assertEquals(JSON.readTree((String) q1.getAs("facts_answer")).size(),
                q1.<scala.collection.Seq<String>>getAs("facts_answer_struct").size());
        Row bad = rows.get("bad");
        assertEquals("INVALID_JSON", bad.getAs("facts_error_status"));
        assertEquals("UPSTREAM_NOT_OK", bad.getAs("verdict_error_status"));
    }

    @Test
    void previewOutputKeepsTheStructColumn() throws Exception {
        Path kept = tmp.resolve("preview");
        fixture.command(job(tmp.resolve("out")), "--preview", "2", "--preview-output",
                kept.toString()).expect(0);
        List<Row> rows = spark().read().parquet(kept.toString()).collectAsList();
        assertEquals(2, rows.size());
        for (Row row : rows) {
            assertEquals("OK", row.getAs("status"), row::toString);
            Row struct = row.getAs("answer_struct");
            assertEquals(JSON.readTree((String) row.getAs("answer")).get("score").asInt(),
                    struct.getLong(struct.fieldIndex("score")), row::toString);
        }
    }

    private Path job(Path out) throws Exception {
        Path csv = tmp.resolve("q.csv");
        Files.writeString(csv, String.join("\n", "id,question", "q1,Rate one", "q2,Rate two",
                "q3,Rate three", "bad,Rate [[gembatch:bad-json]]",
                "mismatch,Rate [[gembatch:schema-mismatch]]", "cut,Rate [[gembatch:max-tokens]]",
                ""), StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "structured.conf", String.join("\n",
                "input { path = " + JobFixture.q(csv) + ", id-column = id }",
                "prompt.template = \"{{question}}\"",
                "model.name = " + MODEL,
                "model.generation { response-mime-type = application/json",
                "  response-schema { type = object, required = [label, score], properties {",
                "    label { type = string, enum = [good, bad] }",
                "    score { type = integer, minimum = 0, maximum = 10 } } } }",
                "output { path = " + JobFixture.q(out) + ", mode = overwrite }",
                "spark { master = \"local[2]\", partitions = 2 }"));
    }

    private Map<String, Row> byId(Path out) {
        return spark().read().parquet(out.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    }
}
