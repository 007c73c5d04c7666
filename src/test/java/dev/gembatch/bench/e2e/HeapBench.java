package dev.gembatch.bench.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark (not a test): a large gembatch run in a JVM started with -Xmx512m and -Xlog:gc
 * (jobs/bench heap), against an emulator JVM with a short latency. Reports throughput, whether
 * the output is complete, and the heap after GC per tenth of the run; cancels the job at the
 * deadline. Args (key=value): rows=1000000 inflight=512 first-byte-ms=5 gap-ms=2 chunks=10
 * deadline-s=600 gc-log=target/bench-heap-gc.log.
 */
public final class HeapBench {
    private HeapBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        long rows = Long.parseLong(o.get("rows"));
        int inFlight = Integer.parseInt(o.get("inflight"));
        System.out.println("load average at start: " + Report.load() + "; max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; options " + o);
        Path dir = Files.createDirectories(Path.of("target", "bench-heap")).toAbsolutePath();
        SparkSession spark = BenchSpark.session();
        Path input = BenchSpark.input(spark, dir, rows);
        ScheduledExecutorService deadline = Executors.newSingleThreadScheduledExecutor();
        deadline.schedule(() -> spark.sparkContext().cancelAllJobs(),
                Long.parseLong(o.get("deadline-s")), TimeUnit.SECONDS);
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("--chunks", o.get("chunks"),
                "--first-byte-ms", o.get("first-byte-ms"), "--gap-ms", o.get("gap-ms")))) {
            double from = uptimeSeconds();
            try {
                Measurement m = GembatchRun.run("gembatch", spark, emulator, input, dir.resolve("out"), inFlight);
                System.out.println(m.line(Double.parseDouble(o.get("first-byte-ms"))
                        + (Integer.parseInt(o.get("chunks")) - 1) * Double.parseDouble(o.get("gap-ms"))));
                long distinct = spark.read().parquet(dir.resolve("out").toString())
                        .agg(functions.countDistinct("id")).first().getLong(0);
                System.out.printf("output: %d rows, %d distinct ids, %d OK (input %d rows)%n",
                        m.rows(), distinct, m.okRows(), rows);
            } catch (IllegalStateException e) {
                System.out.println("the run did not complete: " + e.getMessage().lines().findFirst().orElse(""));
            }
            double to = uptimeSeconds();
            System.out.printf("%.0f s; emulator statistics: %s%n", to - from, emulator.stats());
            System.out.println("load average at end: " + Report.load());
            System.out.println(GcLog.summary(GcLog.read(Path.of(o.get("gc-log")), from, to), from, to));
        } finally {
            deadline.shutdownNow();
            spark.stop();
        }
    }

    private static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    private static Map<String, String> options(String[] args) {
        return BenchOptions.parse(args, Map.of("rows", "1000000", "inflight", "512",
                "first-byte-ms", "5", "gap-ms", "2", "chunks", "10", "deadline-s", "600",
                "gc-log", "target/bench-heap-gc.log"));
    }
}
