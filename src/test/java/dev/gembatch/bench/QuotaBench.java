package dev.gembatch.bench;

import dev.gembatch.cluster.StandaloneCluster;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark (not a test): the emulator enforces N requests per minute, a job told the same quota
 * runs on a standalone cluster of two executor JVMs (each paces itself to its share) for about
 * M minutes of rows; prints the sustained rate of admitted requests, as a share of N, and the
 * share answered 429. Args: [N=600] [M=3] [executors: 0 = let the driver count them].
 * Run with {@code jobs/bench-quota} (see docs/BENCHMARKS.md).
 */
public final class QuotaBench {
    private static final long POLL_MS = 100;

    private QuotaBench() {
    }

    public static void main(String[] args) throws Exception {
        int rpm = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int executors = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int rows = rpm * minutes;
        Path dir = Files.createTempDirectory("gembatch-quota-bench");
        EmulatorOptions options = EmulatorOptions.builder().requestsPerMinute(rpm)
                .firstByteLatency(Duration.ofMillis(200)).chunkGap(Duration.ofMillis(20))
                .chunks(3).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options);
             StandaloneCluster cluster = StandaloneCluster.start(dir, 2)) {
            Path log = cluster.launch("driver", submit(cluster, emulator, job(dir, rows, rpm,
                    executors)), Map.of("GEMINI_API_KEY", emulator.apiKey()));
            List<long[]> series = watch(emulator, cluster.last());
            int exit = cluster.last().exitValue();
            if (exit != 0) {
                System.out.println(Files.readString(log, StandardCharsets.UTF_8));
            }
            report(rpm, rows, exit, emulator.stats(), series);
        }
    }

    /** (nanos, requests so far, 200s so far) every POLL_MS until the driver exits. */
    private static List<long[]> watch(GeminiEmulator emulator, Process driver)
            throws InterruptedException {
        List<long[]> series = new ArrayList<>();
        while (driver.isAlive()) {
            EmulatorStats s = emulator.stats();
            series.add(new long[] {System.nanoTime(), s.totalRequests(), s.requestsWithStatus(200)});
            Thread.sleep(POLL_MS);
        }
        return series;
    }

    private static void report(int rpm, int rows, int exit, EmulatorStats s, List<long[]> series) {
        long[] first = series.stream().filter(p -> p[1] > 0).findFirst().orElseThrow();
        long[] last = series.stream().filter(p -> p[1] == s.totalRequests()).findFirst()
                .orElseThrow();
        double minutes = (last[0] - first[0]) / 60e9;
        double sustained = (s.requestsWithStatus(200) - 1) / minutes;
        System.out.printf("quota N=%d rpm, rows=%d, exit=%d, sending for %.1f s%n", rpm, rows,
                exit, minutes * 60);
        System.out.printf("requests=%d, 200=%d, 429=%d (%.2f %%)%n", s.totalRequests(),
                s.requestsWithStatus(200), s.requestsWithStatus(429),
                100.0 * s.requestsWithStatus(429) / s.totalRequests());
        System.out.printf("sustained: %.1f admitted requests/min = %.1f %% of N%n", sustained,
                100 * sustained / rpm);
        perMinute(first, series);
    }

    /** Admitted (200) requests in each whole minute since the first request. */
    private static void perMinute(long[] first, List<long[]> series) {
        StringBuilder line = new StringBuilder("per minute:");
        long previous = 0;
        for (int m = 1; ; m++) {
            long edge = first[0] + m * 60_000_000_000L;
            long[] at = series.stream().filter(p -> p[0] >= edge).findFirst().orElse(null);
            if (at == null) {
                break;
            }
            line.append(' ').append(at[2] - previous);
            previous = at[2];
        }
        System.out.println(line);
    }

    private static List<String> submit(StandaloneCluster cluster, GeminiEmulator emulator,
                                       Path job) {
        return List.of("org.apache.spark.deploy.SparkSubmit", "--class", "dev.gembatch.job.Main",
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=2",
                System.getProperty("gembatch.jar"), job.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"");
    }

    private static Path job(Path dir, int rows, int rpm, int executors) throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, IntStream.range(0, rows).mapToObj(i -> i + ",Label item " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n")), StandardCharsets.UTF_8);
        Path job = dir.resolve("quota.conf");
        Files.writeString(job, String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = \"" + dir.resolve("out") + "\"",
                "gemini.concurrency = 8",
                "gemini.quota.requests-per-minute = " + rpm,
                "gemini.quota.executors = " + executors,
                "spark.partitions = 2"), StandardCharsets.UTF_8);
        return job;
    }
}
