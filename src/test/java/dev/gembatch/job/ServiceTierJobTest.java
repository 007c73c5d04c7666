package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service tiers end to end against the emulator, which sheds 60 % of Flex attempts and serves
 * every Priority request at standard: the output records the tier asked for and served and the
 * row's cost at that tier; job.deadline's fallback sends at standard or skips for a later run.
 */
class ServiceTierJobTest extends SparkTestBase {
    private static final int ROWS = 12;
    /** gemini-2.5-flash's prices per million tokens in reference.conf. */
    private static final double INPUT = 0.30;
    private static final double OUTPUT = 2.50;
    private static final double CACHED = 0.03;
    @RegisterExtension
    static final JobFixture FIXTURE = new JobFixture(EmulatorOptions.builder().chunks(2)
            .flexShedRate(0.6).priorityDowngradeRate(1.0).build());
    @TempDir
    Path tmp;

    @Test
    void shedStormLeavesEveryRowAnsweredAtHalfPrice() throws Exception {
        List<Row> rows = run("model.service-tier = flex", "gemini.retry.max-attempts = 1");
        EmulatorStats stats = FIXTURE.emulator.stats();

        Assertions.assertTrue(stats.requestsWithStatus(503) + stats.requestsWithStatus(429) > 0,
                stats::toJson);
        Assertions.assertTrue(rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))),
                rows::toString);
        for (Row r : rows) {
            assertEquals("flex", r.getAs("service_tier"));
            assertEquals("flex", r.getAs("served_tier"));
            assertEquals(0.5 * standardCost(r), (double) r.getAs("cost_usd"), 1e-15);
        }
        Assertions.assertTrue(rows.stream().anyMatch(r -> (int) r.getAs("attempts") > 1),
                "some rows were shed and sent again although max-attempts is 1");
    }

    @Test
    void priorityDowngradeIsRecordedAndPricedAtStandard() throws Exception {
        List<Row> rows = run("model.service-tier = priority");

        for (Row r : rows) {
            assertEquals("OK", r.getAs("status"));
            assertEquals("priority", r.getAs("service_tier"));
            assertEquals("standard", r.getAs("served_tier"));
            assertEquals(standardCost(r), (double) r.getAs("cost_usd"), 1e-15);
        }
    }

    @Test
    void deadlineFallbackSendsFlexRowsAtStandard() throws Exception {
        List<Row> rows = run("model.service-tier = flex", "job.deadline = 10m");

        assertEquals(0, FIXTURE.emulator.stats().requestsWithStatus(503)
                + FIXTURE.emulator.stats().requestsWithStatus(429), "nothing went out as Flex");
        for (Row r : rows) {
            assertEquals("OK", r.getAs("status"));
            assertEquals("standard", r.getAs("service_tier"));
            assertEquals("standard", r.getAs("served_tier"));
        }
    }

    @Test
    void deadlineSkipLeavesRowsForRetryFailed() throws Exception {
        List<Row> skipped = run("model.service-tier = flex", "model.flex-fallback = skip",
                "job.deadline = 10m");

        assertEquals(0, FIXTURE.emulator.stats().totalRequests());
        for (Row r : skipped) {
            assertEquals("SKIPPED", r.getAs("status"));
            assertEquals("DEADLINE_REACHED", r.getAs("error_status"));
            assertNull(r.getAs("cost_usd"));
        }
        List<Row> resumed = run("model.service-tier = flex", "output.mode = retry-failed",
                "gemini.retry.max-attempts = 1");
        Assertions.assertTrue(resumed.stream().allMatch(r -> "OK".equals(r.getAs("status"))),
                resumed::toString);
    }

    @Test
    void implicitCacheHitsAreRecordedAndPricedAtTheCachedPrice() throws Exception {
        String system = "Label by topic. ".repeat(300); // 1,200 tokens, repeated by every row
        List<Row> rows = run("prompt.system-instruction = \"" + system + "\"");

        List<Row> hits = rows.stream().filter(r -> r.getAs("cached_tokens") != null).toList();
        assertEquals(ROWS - 1, hits.size(), "every row but the first hits the implicit cache");
        for (Row r : hits) {
            int prompt = r.getAs("prompt_tokens");
            int cached = r.getAs("cached_tokens");
            int output = r.getAs("output_tokens");
            assertEquals(1200, cached);
            assertEquals(((prompt - cached) * INPUT + cached * CACHED + output * OUTPUT) / 1e6,
                    (double) r.getAs("cost_usd"), 1e-15);
        }
    }

    /** The row's tokens at gemini-2.5-flash's standard prices (nothing cached). */
    private static double standardCost(Row r) {
        int prompt = r.getAs("prompt_tokens");
        int output = r.getAs("output_tokens");
        Integer thoughts = r.getAs("thoughts_tokens");
        return (prompt * INPUT + output * OUTPUT + (thoughts == null ? 0 : thoughts) * OUTPUT)
                / 1_000_000.0;
    }

    private List<Row> run(String... sets) throws Exception {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, IntStream.range(0, ROWS).mapToObj(i -> i + ",Label item " + i)
                .collect(Collectors.joining("\n", "id,text\n", "\n")), StandardCharsets.UTF_8);
        Path job = JobFixture.jobFile(tmp, "tiers.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = text",
                "model.name = gemini-2.5-flash",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "gemini.retry.initial-backoff = 1ms",
                "gemini.retry.max-backoff = 4ms",
                "spark.partitions = 2"));
        FIXTURE.run(job, sets).expect(0);
        return spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
    }
}
