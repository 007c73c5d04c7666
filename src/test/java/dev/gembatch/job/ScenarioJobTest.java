package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.output.ResultSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every emulator scenario through the whole job, on the Gemini API and on Vertex AI (signed in
 * with a service account; Vertex's 429 has no RetryInfo): each row comes out once, with the
 * status, finish reason, text, error and attempt count its scenario implies; failures are rows,
 * never a failed job; the schema is the contract's even when every row failed.
 */
class ScenarioJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(3).build());

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(JobFixture.Api.class)
    void everyScenarioComesOutAsARowWithItsOwnOutcome(JobFixture.Api api) throws Exception {
        List<String> names = List.of("normal", "blocked", "safety", "recitation", "max-tokens",
                "thinking", "candidates-2", "fail-503x1", "fail-500x1", "cut", "stall",
                "midstream-error", "html-502", "malformed", "stop-every-chunk", "empty-final");
        Map<String, Row> rows = run(api, names);
        assertEquals(names.size(), rows.size());

        assertAnswered(rows.get("normal"), 1);
        assertAnswered(rows.get("stop-every-chunk"), 1);
        assertAnswered(rows.get("empty-final"), 1);
        assertAnswered(rows.get("fail-503x1"), 2);
        assertAnswered(rows.get("fail-500x1"), 2);

        Row blocked = rows.get("blocked");
        assertEquals("BLOCKED", blocked.getAs("status"));
        assertNotNull(blocked.getAs("prompt_block_reason"));
        assertNull(blocked.getAs("answer"));

        Row safety = rows.get("safety");
        assertEquals("BLOCKED", safety.getAs("status"));
        assertEquals("SAFETY", safety.getAs("finish_reason"));
        assertPrefixOfAnswer(safety);
        List<Row> ratings = safety.getList(safety.fieldIndex("safety_ratings"));
        Assertions.assertTrue(ratings.stream().anyMatch(r -> Boolean.TRUE.equals(r.getAs("blocked"))),
                ratings::toString);

        Row recitation = rows.get("recitation");
        assertEquals("BLOCKED", recitation.getAs("status"));
        assertEquals("RECITATION", recitation.getAs("finish_reason"));
        assertFalse(recitation.getList(recitation.fieldIndex("citations")).isEmpty());

        Row truncated = rows.get("max-tokens");
        assertEquals("TRUNCATED", truncated.getAs("status"));
        assertEquals("MAX_TOKENS", truncated.getAs("finish_reason"));
        assertPrefixOfAnswer(truncated);

        Row thinking = rows.get("thinking");
        assertAnswered(thinking, 1);
        Assertions.assertTrue((int) thinking.getAs("thoughts_tokens") > 0);

        Row two = rows.get("candidates-2");
        assertAnswered(two, 1);
        List<Row> candidates = two.getList(two.fieldIndex("candidates"));
        assertEquals(2, candidates.size());
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt("candidates-2"), 1),
                candidates.get(1).getAs("text"));

        assertFailed(rows.get("cut"), Set.of("CONNECTION_LOST", "STREAM_INCOMPLETE"));
        assertFailed(rows.get("stall"), Set.of("TIMEOUT"));
        assertFailed(rows.get("midstream-error"), Set.of("UNAVAILABLE", "RESOURCE_EXHAUSTED",
                "INTERNAL"));
        assertFailed(rows.get("html-502"), Set.of("UNEXPECTED_RESPONSE"));
        assertFailed(rows.get("malformed"), Set.of("MALFORMED_RESPONSE"));
        assertEquals(0, fixture.emulator.stats().paidTwice(), fixture.emulator.stats()::toJson);
    }

    @ParameterizedTest
    @EnumSource(JobFixture.Api.class)
    void whenEveryRowFailsTheSchemaIsStillTheContract(JobFixture.Api api) throws Exception {
        Map<String, Row> rows = run(api, List.of("fail-503x9", "fail-429x9"));
        rows.values().forEach(r -> {
            assertEquals("FAILED", r.getAs("status"));
            assertEquals(2, (int) r.getAs("attempts"));
        });
        assertEquals(503, (int) rows.get("fail-503x9").getAs("error_code"));
        StructType input = new StructType().add("id", DataTypes.StringType)
                .add("prompt", DataTypes.StringType);
        assertEquals(ResultSchema.appendTo(input, "").json(),
                spark().read().parquet(tmp.resolve("out").toString()).schema().json());
    }

    private static String prompt(String scenario) {
        return "Tell me about " + scenario + " [[gembatch:" + scenario + "]]";
    }

    private Map<String, Row> run(JobFixture.Api api, List<String> scenarios) throws Exception {
        Path csv = tmp.resolve("scenarios.csv");
        String lines = scenarios.stream().map(s -> s + "," + prompt(s))
                .collect(Collectors.joining("\n", "id,prompt\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        Path job = JobFixture.jobFile(tmp, "scenarios.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = \"" + MODEL + "\"",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "gemini.retry { max-attempts = 2, initial-backoff = 10ms, max-backoff = 20ms }",
                "gemini.timeouts { idle = 1s, first-byte = 5s }",
                "spark.master = \"local[2]\""));
        fixture.run(api, job).expect(0);
        Dataset<Row> out = spark().read().parquet(tmp.resolve("out").toString());
        return out.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), Function.identity()));
    }

    private static void assertAnswered(Row row, int attempts) {
        String id = row.getAs("id");
        assertEquals("OK", row.getAs("status"), row::toString);
        assertEquals("STOP", row.getAs("finish_reason"), row::toString);
        assertEquals(EmulatorAnswers.textFor(MODEL, prompt(id)), row.getAs("answer"), id);
        assertEquals(attempts, (int) row.getAs("attempts"), row::toString);
    }

    private static void assertPrefixOfAnswer(Row row) {
        String text = row.getAs("answer");
        String whole = EmulatorAnswers.textFor(MODEL, prompt(row.getAs("id")));
        Assertions.assertTrue(!text.isEmpty() && whole.startsWith(text) && !whole.equals(text),
                () -> row.getAs("id") + ": " + text);
    }

    private static void assertFailed(Row row, Set<String> statuses) {
        assertEquals("FAILED", row.getAs("status"), row::toString);
        Assertions.assertTrue(statuses.contains((String) row.getAs("error_status")), row::toString);
        assertEquals(2, (int) row.getAs("attempts"), row::toString);
        assertNotNull(row.getAs("error_message"), row::toString);
    }
}
