package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A per-day quota spent mid-run (the emulator admits {@link #PER_DAY} requests, then answers
 * every request with Google's per-day 429): the job stops sending at once instead of retrying for
 * hours, writes every row (the unsent ones SKIPPED, those its 429s hit FAILED), and the next
 * day {@code --retry-failed} completes exactly the rows that have no answer.
 */
class DailyQuotaJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int ROWS = 300;
    private static final int PER_DAY = 40;
    private static final int CONCURRENCY = 4;

    @TempDir
    Path tmp;

    @Test
    void aSpentPerDayQuotaStopsTheJobWithRowsThatRetryFailedCompletes() throws Exception {
        Path job = job();
        Map<String, Long> statuses;
        EmulatorStats today;
        try (JobFixture spent = new JobFixture(options().requestsPerDay(PER_DAY).build())) {
            spent.run(job).expect(0);
            today = spent.emulator.stats();
            statuses = output().stream().collect(Collectors.groupingBy(
                    r -> r.getAs("status") + "/" + r.getAs("error_status"), Collectors.counting()));
        }
        // each of the 2 partitions' windows may have had its requests in flight when the first
        // per-day 429 came back; nothing more was sent after it
        long refused = today.requestsWithStatus(429);
        Assertions.assertTrue(refused >= 1 && refused <= 2 * CONCURRENCY, today::toJson);
        assertEquals(PER_DAY + refused, today.totalRequests(), "a request retried after the"
                + " per-day 429 or sent after it:\n" + today.toJson());
        assertEquals(PER_DAY, statuses.get("OK/null"), statuses::toString);
        assertEquals(refused, statuses.get("FAILED/RESOURCE_EXHAUSTED"), statuses::toString);
        assertEquals(ROWS - PER_DAY - refused, statuses.getOrDefault("SKIPPED/QUOTA_EXHAUSTED",
                0L) + statuses.getOrDefault("FAILED/QUOTA_EXHAUSTED", 0L), statuses::toString);

        try (JobFixture nextDay = new JobFixture(options().build())) {
            nextDay.run(job, "output.mode = retry-failed").expect(0);
            assertEquals(ROWS - PER_DAY, nextDay.emulator.stats().totalRequests(),
                    nextDay.emulator.stats()::toJson);
        }
        List<Row> rows = output();
        assertEquals(ROWS, rows.size());
        for (Row r : rows) {
            assertEquals("OK", r.getAs("status"), r::toString);
            assertEquals(EmulatorAnswers.textFor(MODEL, r.getAs("prompt")), r.getAs("answer"));
        }
    }

    private static EmulatorOptions.Builder options() {
        return EmulatorOptions.builder().chunks(2);
    }

    private List<Row> output() {
        return spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
    }

    private Path job() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, IntStream.range(0, ROWS).mapToObj(i -> i + ",Describe item " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n")), StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "daily.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = " + MODEL,
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "gemini.concurrency = " + CONCURRENCY,
                "spark.partitions = 2"));
    }
}
