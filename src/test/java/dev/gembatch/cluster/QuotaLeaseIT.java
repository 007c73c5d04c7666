package dev.gembatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import dev.gembatch.emulator.GeminiEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota holds while dynamic allocation grows the executors from one to three mid-run: a real
 * standalone cluster (master, three one-core workers), the application jar spark-submitted in
 * client mode, the emulator in this JVM enforcing the same requests-per-minute quota the job is
 * told. The send rate is measured from the emulator's own arrival times: no minute of the run
 * holds more than the quota plus the burst, the steady rate is at least 95 % of the
 * quota, and at most 1 % of requests draw a 429. Figures are printed (docs/BENCHMARKS.md).
 * {@code -Dgembatch.quota-it.executors=N} runs the same job on N fixed executors instead (the
 * comparison in BENCHMARKS.md; the growth is then not asserted).
 */
class QuotaLeaseIT {
    private static final int RPM = 1_200; // 20 a second
    private static final Duration BURST = Duration.ofMillis(500); // 10 requests at once
    private static final int ROWS = 1_800; // 90 s of the quota
    private static final Duration TRIM = Duration.ofSeconds(5);
    /** 0: dynamic allocation from 1 to 3 executors; else that many fixed executors. */
    private static final int FIXED = Integer.getInteger("gembatch.quota-it.executors", 0);

    @TempDir
    Path tmp;

    @Test
    void theQuotaHoldsAndIsUsedWhileDynamicAllocationAddsExecutors() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().requestsPerMinute(RPM)
                .firstByteLatency(Duration.ofMillis(200)).chunkGap(Duration.ofMillis(20))
                .chunks(3).build();
        int firstCount;
        int peak = 0;
        List<Long> sent;
        EmulatorStats stats;
        try (GeminiEmulator emulator = GeminiEmulator.start(options);
             StandaloneCluster cluster = StandaloneCluster.start(tmp, 3)) {
            Path log = submit(cluster, emulator);
            Process driver = cluster.last();
            assertTrue(Logs.until(() -> !emulator.requestTimes().isEmpty() || !driver.isAlive(),
                    Duration.ofSeconds(300)), () -> "nothing sent:\n" + Logs.read(log));
            firstCount = cluster.executors().size();
            while (driver.isAlive()) {
                peak = Math.max(peak, cluster.executors().size());
                driver.waitFor(200, TimeUnit.MILLISECONDS);
            }
            assertEquals(0, driver.exitValue(), () -> "the job failed:\n" + Logs.read(log));
            sent = emulator.requestTimes();
            stats = emulator.stats();
        }
        report(firstCount, peak, sent, stats);
        if (FIXED == 0) {
            // Executor JVMs may start before the first request on a slow machine, and an idle
            // executor that dynamic allocation removes may still be exiting while its worker
            // starts the next: the processes counted here may exceed the three Spark allows at
            // once, so the growth is asserted, not an exact count.
            assertTrue(peak >= 3, "dynamic allocation grew to " + peak + " executors, not 3");
        }
        assertEquals(ROWS, stats.requestsWithStatus(200), stats::toJson);
        assertTrue(stats.requestsWithStatus(429) <= 0.01 * stats.totalRequests(), stats::toJson);
        // per minute, the quota's own unit: arrivals jitter against sends over shorter windows
        assertWithinQuota(sent, Duration.ofSeconds(60));
        double steady = steadyRate(sent);
        assertTrue(steady >= 0.95 * RPM / 60.0, "steady rate " + steady + "/s, below 95 % of "
                + RPM / 60.0 + "/s");
    }

    /** Every window of {@code length} holds at most the quota's rate over it plus the burst. */
    private static void assertWithinQuota(List<Long> sent, Duration length) {
        double allowed = allowed(length);
        int most = busiest(sent, length);
        assertTrue(most <= allowed + 1e-9, most + " requests within " + length + "; the quota"
                + " with its burst allows " + allowed);
    }

    /** The quota's requests over {@code length} plus the burst's. */
    private static double allowed(Duration length) {
        return RPM / 60.0 * (length.toNanos() + BURST.toNanos()) / 1e9;
    }

    /** The most arrivals within any window of {@code length} that starts at an arrival. */
    private static int busiest(List<Long> sent, Duration length) {
        int most = 0;
        for (int i = 0, j = 0; i < sent.size(); i++) {
            while (j < sent.size() && sent.get(j) - sent.get(i) < length.toNanos()) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    /** Requests per second between the first and the last arrival, {@link #TRIM} off each end. */
    private static double steadyRate(List<Long> sent) {
        long from = sent.get(0) + TRIM.toNanos();
        long to = sent.get(sent.size() - 1) - TRIM.toNanos();
        long n = sent.stream().filter(t -> t >= from && t < to).count();
        return n / ((to - from) / 1e9);
    }

    private static void report(int first, int peak, List<Long> sent, EmulatorStats stats) {
        double span = (sent.get(sent.size() - 1) - sent.get(0)) / 1e9;
        System.out.printf("QuotaLeaseIT: executors %d -> %d; %d requests (%d answered 200, %d"
                        + " answered 429 = %.2f %%) over %.1f s; steady rate %.2f/s = %.1f %% of"
                        + " the quota (%d rpm); busiest 10 s: %d (allowed %.0f), busiest 60 s: %d"
                        + " (allowed %.0f)%n", first, peak, stats.totalRequests(),
                stats.requestsWithStatus(200), stats.requestsWithStatus(429),
                100.0 * stats.requestsWithStatus(429) / stats.totalRequests(), span,
                steadyRate(sent), 100 * steadyRate(sent) / (RPM / 60.0), RPM,
                busiest(sent, Duration.ofSeconds(10)), allowed(Duration.ofSeconds(10)),
                busiest(sent, Duration.ofSeconds(60)), allowed(Duration.ofSeconds(60)));
    }

    private Path submit(StandaloneCluster cluster, GeminiEmulator emulator) throws Exception {
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--class", "dev.gembatch.job.Main",
                "--master", cluster.masterUrl(),
                "--deploy-mode", "client"));
        Map<String, String> conf = new java.util.TreeMap<>(Map.of(
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false",
                "spark.executor.memory", "512m",
                "spark.executor.cores", "1"));
        conf.putAll(FIXED > 0 ? Map.of("spark.executor.instances", String.valueOf(FIXED),
                "spark.cores.max", String.valueOf(FIXED)) : Map.of(
                "spark.dynamicAllocation.enabled", "true",
                "spark.dynamicAllocation.shuffleTracking.enabled", "true",
                "spark.dynamicAllocation.initialExecutors", "1",
                "spark.dynamicAllocation.minExecutors", "1",
                "spark.dynamicAllocation.maxExecutors", "3",
                "spark.dynamicAllocation.schedulerBacklogTimeout", "2s",
                "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", "2s"));
        conf.forEach((k, v) -> {
            args.add("--conf");
            args.add(k + "=" + v);
        });
        args.addAll(List.of(System.getProperty("gembatch.jar"), writeJob().toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\""));
        return cluster.launch("driver", args, Map.of("GEMINI_API_KEY", emulator.apiKey()));
    }

    private Path writeJob() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, IntStream.range(0, ROWS).mapToObj(i -> i + ",Describe item " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n")), StandardCharsets.UTF_8);
        Path job = tmp.resolve("lease.conf");
        Files.writeString(job, String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = \"" + tmp.resolve("out") + "\"",
                "gemini.concurrency = 16",
                "gemini.quota.requests-per-minute = " + RPM,
                "gemini.quota.burst = " + BURST.toMillis() + "ms",
                // no dedupe stages before the answering one: executors are added while it runs
                "pipeline.dedupe = false",
                "spark.partitions = 12"), StandardCharsets.UTF_8);
        return job;
    }
}
