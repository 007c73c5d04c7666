package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.job.Main;
import dev.gembatch.job.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job with mixed outcomes on local[2] against the emulator, and the report it leaves. */
class RunReportJobTest extends SparkTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCENARIOS = List.of("a", "b", "c", "d", "e", "f",
            "blocked", "fail-503x1", "fail-500x1", "fail-500x9");
    /** One per test: its failure scenarios count a prompt's attempts across runs. */
    private GeminiEmulator emulator;

    @TempDir
    Path tmp;

    @BeforeEach
    void startEmulator() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().chunks(3).build());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void reportCountsEveryOutcomeAndAgreesWithTheOutput() throws Exception {
        Path out = tmp.resolve("out");
        String stdout = run(out, "report.progress-interval=500ms");

        Dataset<Row> output = spark().read().parquet(out.toString());
        assertEquals(11, output.count(), "the report folder must not disturb Spark's reader");
        JsonNode r = JSON.readTree(out.resolve("_gembatch_report/report.json").toFile());
        assertEquals(11, r.at("/rows/total").asLong());
        for (Row g : output.groupBy("status").count().collectAsList()) {
            assertEquals(g.getLong(1), r.at("/rows/by_status/" + g.getString(0)).asLong());
        }
        assertEquals(8, r.at("/rows/by_status/OK").asLong());
        assertEquals(1, r.at("/rows/by_status/SKIPPED").asLong());
        assertEquals(Map.of("STOP", 8L), counts(r.get("finish_reasons")));
        assertEquals(3, r.at("/retries/total").asLong());
        assertEquals(Map.of("INTERNAL", 2L, "UNAVAILABLE", 1L), counts(r.at("/retries/by_cause")));
        assertEquals(10, r.at("/latency_ms/count").asLong(), "every sent row has a latency");
        assertOrdered(r.get("latency_ms"));
        assertOrdered(r.get("ttft_ms"));
        long throughputRows = 0;
        for (JsonNode p : r.at("/throughput/points")) {
            throughputRows += p.get("rows").asLong();
        }
        assertEquals(11, throughputRows);
        assertTokensAndCost(r, output);
        assertEquals(List.of("fail-500x9"), sampleKeys(r, "INTERNAL"));
        assertEquals(List.of("blank"), sampleKeys(r, "INVALID_INPUT"));

        String html = Files.readString(out.resolve("_gembatch_report/report.html"));
        Assertions.assertTrue(html.contains("\"sample_keys\" : [ \"fail-500x9\" ]"), "embedded report data");
        Assertions.assertFalse(html.contains("src=") || html.contains("<link")
                || html.contains("url("), "nothing fetched");
        Assertions.assertTrue(stdout.contains("estimated cost: $"), stdout);
        Assertions.assertTrue(stdout.lines().anyMatch(l -> l.matches("  OK +8 +72\\.7%")), stdout);
    }

    @Test
    void theKeyCheckCountsTheRowsForTheProgressLineSoTheInputIsNotCountedAgain() throws Exception {
        List<String> withoutLine = sparkJobs(() -> run(tmp.resolve("no-line"),
                "report.progress-interval=0"));
        List<String> withLine = sparkJobs(() -> run(tmp.resolve("line"),
                "report.progress-interval=1h"));
        assertEquals(withoutLine.size(), withLine.size(),
                "the progress line's total costs no Spark job: " + withoutLine + " / " + withLine);
    }

    @Test
    void aRunWithoutAnAnswerStoreDoesNotReadItsOutputBack() throws Exception {
        List<String> jobs = sparkJobs(() -> run(tmp.resolve("no-store"),
                "report.progress-interval=0"));
        Assertions.assertTrue(jobs.stream().noneMatch(j -> j.contains("OutputTarget")),
                "only the store's commit reads the written output: " + jobs);
    }

    @Test
    void noReportFilesWhenTheJobSaysSo() throws Exception {
        Path out = tmp.resolve("quiet");
        String stdout = run(out, "report.write-files=false", "report.progress-interval=0");
        Assertions.assertFalse(Files.exists(out.resolve("_gembatch_report")));
        Assertions.assertFalse(stdout.contains("gembatch: 0/"), stdout);
        Assertions.assertTrue(stdout.startsWith("gembatch: 11 rows written to "), stdout);
    }

    private String run(Path out, String... sets) throws Exception {
        Path csv = tmp.resolve("rows.csv");
        StringBuilder lines = new StringBuilder("id,prompt\n");
        for (String s : SCENARIOS) {
            lines.append(s).append(",Tell me about ").append(s).append(" [[gembatch:")
                    .append(s).append("]]\n");
        }
        lines.append("blank,\"  \"\n");
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        Path job = tmp.resolve(out.getFileName() + ".conf");
        Files.writeString(job, String.join("\n",
                "input { path = \"" + csv + "\", id-column = id }",
                "prompt.column = prompt",
                "model.name = \"gemini-2.5-flash\"",
                "output.path = \"" + out + "\"",
                "gemini.retry { max-attempts = 2, initial-backoff = 10ms, max-backoff = 20ms }",
                "spark.partitions = 2"), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(job.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"" + emulator.apiKey() + "\""));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new),
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(0, code, stdout + "\n" + stderr);
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static void assertTokensAndCost(JsonNode r, Dataset<Row> output) {
        Row sums = output.selectExpr("sum(prompt_tokens)", "sum(output_tokens)",
                "coalesce(sum(thoughts_tokens), 0)").first();
        long in = sums.getLong(0);
        long outTokens = sums.getLong(1);
        assertEquals(in, r.at("/tokens/input").asLong());
        assertEquals(outTokens, r.at("/tokens/output").asLong());
        assertEquals(sums.getLong(2), r.at("/tokens/thoughts").asLong());
        double expected = (in * 0.30 + outTokens * 2.50 + sums.getLong(2) * 2.50) / 1e6;
        assertEquals(expected, r.at("/cost/estimate").asDouble(), 1e-12);
        Assertions.assertTrue(expected > 0);
    }

    private static void assertOrdered(JsonNode h) {
        long p50 = h.get("p50").asLong();
        long p95 = h.get("p95").asLong();
        long p99 = h.get("p99").asLong();
        Assertions.assertTrue(p50 <= p95 && p95 <= p99 && p99 <= h.get("max").asLong(), h.toString());
    }

    private static List<String> sampleKeys(JsonNode r, String status) {
        for (JsonNode e : r.get("errors")) {
            if (e.get("status").asText().equals(status)) {
                List<String> keys = new ArrayList<>();
                e.get("sample_keys").forEach(k -> keys.add(k.asText()));
                return keys;
            }
        }
        throw new AssertionError("no error with status " + status + " in " + r.get("errors"));
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
