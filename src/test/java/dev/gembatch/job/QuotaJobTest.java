package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job told the emulator's quota stays within it: every request is admitted, none draws a 429,
 * because the executor JVM paces its sends to its share (the whole quota in local mode).
 */
class QuotaJobTest extends SparkTestBase {
    private static final int RPM = 600; // one request every 100 ms
    private static final int ROWS = 30;

    @TempDir
    Path tmp;

    @Test
    void aJobToldTheQuotaSendsEvenlySpacedAndDrawsNo429() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().requestsPerMinute(RPM)
                .firstByteLatency(Duration.ofMillis(30)).chunks(2).build();
        List<Row> rows;
        EmulatorStats stats;
        try (JobFixture fixture = new JobFixture(options)) {
            fixture.run(job(), "gemini.quota.requests-per-minute=" + RPM, "gemini.quota.burst=0s")
                    .expect(0);
            stats = fixture.emulator.stats();
            rows = spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
        }
        assertEquals(ROWS, rows.size());
        Assertions.assertTrue(rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))), rows::toString);
        assertEquals(ROWS, stats.totalRequests(), stats::toJson);
        assertEquals(0, stats.requestsWithStatus(429), stats::toJson);
        List<Long> sent = sendTimes(rows);
        for (int i = 1; i < sent.size(); i++) {
            long gap = sent.get(i) - sent.get(i - 1);
            Assertions.assertTrue(gap >= 90, "requests " + (i - 1) + " and " + i + " left " + gap
                    + " ms apart; the share allows one every 100 ms: " + sent);
        }
    }

    @Test
    void localModeGivesTheOneJvmTheWholeQuotaUnlessExecutorsAreConfigured() {
        assertEquals(1, QuotaShares.executors(spark().sparkContext(), 0));
        assertEquals(3, QuotaShares.executors(spark().sparkContext(), 3));
    }

    /** First-send times in ms: completion minus latency (which counts from the first send). */
    private static List<Long> sendTimes(List<Row> rows) {
        return rows.stream().map(r -> ((Timestamp) r.getAs("completed_at")).getTime()
                        - (long) r.<Long>getAs("latency_ms"))
                .sorted().collect(Collectors.toList());
    }

    private Path job() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        String lines = IntStream.range(0, ROWS).mapToObj(i -> i + ",Describe item number " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "quota.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.partitions = 2"));
    }
}
