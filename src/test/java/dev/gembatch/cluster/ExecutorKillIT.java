package dev.gembatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import dev.gembatch.emulator.GeminiEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster (master, two workers, their executors: all separate JVMs) runs the
 * application jar through spark-submit against the emulator in this JVM; one executor is
 * SIGKILLed, or stopped with SIGTERM (as YARN preemption, Kubernetes eviction and spot reclaim
 * do), mid-run. The job still completes with every input row exactly once and the right
 * answers. After SIGKILL the requests sent again are measured, printed, and bounded by what was
 * in flight or not yet journaled on the killed executor; after SIGTERM no row is written without
 * an answer, and what is paid twice is bounded by one task's requests in flight.
 */
class ExecutorKillIT {
    private static final int ROWS = 1200;
    private static final int CONCURRENCY = 16;
    private static final long FIRST_BYTE_MS = 250;
    private static final int CHUNKS = 3;
    private static final long CHUNK_GAP_MS = 40;
    /** journal.flush-interval's default (reference.conf); the job sets no journal key. */
    private static final long FLUSH_INTERVAL_MS = 200;
    /**
     * Answers the killed executor's one task finishes per second at most: its whole window at
     * once, each request taking at least the first-byte latency and its chunk gaps (370 ms).
     */
    private static final double TASK_RATE = CONCURRENCY * 1000.0
            / (FIRST_BYTE_MS + CHUNKS * CHUNK_GAP_MS);
    /**
     * On the killed executor: its requests in flight, the answers it finished within one flush
     * interval, and those that finished during its last flush (a flushing task sends nothing:
     * at most its window again): 16 + 16 + 9.
     */
    private static final long BOUND = 2L * CONCURRENCY
            + (long) Math.ceil(TASK_RATE * FLUSH_INTERVAL_MS / 1000.0);
    private static final String MODEL = "gemini-2.5-flash";

    @TempDir
    Path tmp;

    @Test
    void stoppingAnExecutorMidRunWritesNoUnansweredRow() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder()
                .firstByteLatency(Duration.ofMillis(FIRST_BYTE_MS))
                .chunkGap(Duration.ofMillis(CHUNK_GAP_MS)).chunks(CHUNKS).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options);
             StandaloneCluster cluster = StandaloneCluster.start(tmp, 2)) {
            Path log = submit(cluster, emulator);
            Process driver = cluster.last();
            stopOneExecutorMidRun(cluster, emulator, log, false);
            assertTrue(driver.waitFor(240, TimeUnit.SECONDS), () -> "job still running:\n"
                    + Logs.read(log));
            assertEquals(0, driver.exitValue(), () -> "the job failed:\n" + Logs.read(log));
            // the stopped executor's requests finish in its grace and are journaled; only a task
            // that a lost shuffle file fails mid-answer leaves its requests in flight unjournaled
            EmulatorStats stats = emulator.stats();
            System.out.println("ExecutorKillIT (SIGTERM): " + stats.totalRequests()
                    + " requests for " + ROWS + " rows; paid twice: " + stats.paidTwice()
                    + "; attempts that waited for another of their partition: "
                    + Logs.count(tmp, "waits for another attempt"));
            assertTrue(stats.paidTwice() <= CONCURRENCY, () -> "paid twice for "
                    + stats.paidTwice() + " requests, more than one task's in flight ("
                    + CONCURRENCY + ")");
        } finally {
            Logs.keep(tmp, "executor-sigterm");
        }
        assertEveryRowOnceWithItsAnswer(StandaloneCluster.readOutput(tmp.resolve("out")));
    }

    @Test
    void killingAnExecutorMidRunLosesNoRowAndDuplicatesNone() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder()
                .firstByteLatency(Duration.ofMillis(FIRST_BYTE_MS))
                .chunkGap(Duration.ofMillis(CHUNK_GAP_MS)).chunks(CHUNKS).build();
        long t0 = System.nanoTime();
        try (GeminiEmulator emulator = GeminiEmulator.start(options);
             StandaloneCluster cluster = StandaloneCluster.start(tmp, 2)) {
            System.out.println("ExecutorKillIT: cluster up after " + since(t0) + " s");
            Path log = submit(cluster, emulator);
            Process driver = cluster.last();
            long atKill = stopOneExecutorMidRun(cluster, emulator, log, true);
            System.out.println("ExecutorKillIT: killed after " + since(t0) + " s");
            assertTrue(driver.waitFor(240, TimeUnit.SECONDS), () -> "job still running:\n"
                    + Logs.read(log));
            assertEquals(0, driver.exitValue(), () -> "the job failed:\n" + Logs.read(log));
            System.out.println("ExecutorKillIT: job done after " + since(t0) + " s");
            report(emulator.stats(), atKill);
        } finally {
            Logs.keep(tmp, "executor-sigkill");
        }
        System.out.println("ExecutorKillIT: cluster down after " + since(t0) + " s");
        assertEveryRowOnceWithItsAnswer(StandaloneCluster.readOutput(tmp.resolve("out")));
    }

    /** Waits until a third of the rows were sent, then SIGKILLs (or SIGTERMs) one executor. */
    private static long stopOneExecutorMidRun(StandaloneCluster cluster, GeminiEmulator emulator,
                                              Path log, boolean kill) throws InterruptedException {
        boolean midRun = Logs.until(() -> emulator.stats().totalRequests() >= ROWS / 3
                && cluster.executors().size() == 2, Duration.ofSeconds(150));
        assertTrue(midRun, () -> "never reached mid-run with two executors; sent "
                + emulator.stats().totalRequests() + "\n" + Logs.read(log));
        ProcessHandle victim = cluster.executors().get(0);
        long sent = emulator.stats().totalRequests();
        assertTrue(kill ? victim.destroyForcibly() : victim.destroy(), "the signal was refused");
        System.out.println("ExecutorKillIT: " + (kill ? "killed" : "stopped") + " executor pid "
                + victim.pid() + " after " + sent + " of " + ROWS + " requests");
        return sent;
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    /**
     * Prints what was re-sent and asserts the journal's bound: the killed executor (one core,
     * one task at a time) can lose at most its in-flight window plus the answers it finished
     * in one flush interval and during its last flush.
     */
    private static void report(EmulatorStats stats, long atKill) {
        long resent = stats.requestsByAttempt().entrySet().stream().filter(e -> e.getKey() > 1)
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println("ExecutorKillIT: " + stats.totalRequests() + " requests for " + ROWS
                + " rows; re-sent after the kill: " + resent + " (answered twice: "
                + stats.paidTwice() + "); sent before the kill: " + atKill
                + "; bound: " + BOUND + " (2 x window " + CONCURRENCY + " + "
                + String.format(java.util.Locale.ROOT, "%.1f", TASK_RATE) + " answers/s x "
                + FLUSH_INTERVAL_MS + " ms)");
        assertTrue(resent <= BOUND, () -> "re-sent " + resent + " requests, more than in"
                + " flight (" + CONCURRENCY + ") plus one flush interval's and one flush's"
                + " answers (" + (BOUND - CONCURRENCY) + ") on the killed executor");
    }

    private Path submit(StandaloneCluster cluster, GeminiEmulator emulator) throws Exception {
        Path job = writeJob();
        return cluster.launch("driver", List.of("org.apache.spark.deploy.SparkSubmit",
                "--class", "dev.gembatch.job.Main",
                "--master", cluster.masterUrl(),
                "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=2",
                System.getProperty("gembatch.jar"), job.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\""),
                Map.of("GEMINI_API_KEY", emulator.apiKey()));
    }

    private Path writeJob() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        String lines = IntStream.range(0, ROWS).mapToObj(i -> i + "," + prompt(i))
                .collect(Collectors.joining("\n", "id,prompt\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        Path job = tmp.resolve("kill.conf");
        Files.writeString(job, String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = " + MODEL,
                "output.path = \"" + tmp.resolve("out") + "\"",
                "gemini.concurrency = " + CONCURRENCY,
                "spark.partitions = 8"), StandardCharsets.UTF_8);
        return job;
    }

    private static String prompt(int i) {
        return "Summarise record " + i + " of the cluster test";
    }


    private static void assertEveryRowOnceWithItsAnswer(List<Row> rows) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (Row r : rows) {
            int id = Integer.parseInt(r.getAs("id").toString());
            seen.merge(id, 1, Integer::sum);
            assertEquals("OK", r.getAs("status"), r::toString);
            assertEquals(EmulatorAnswers.textFor(MODEL, prompt(id)), r.getAs("answer"), r::toString);
        }
        assertEquals(ROWS, rows.size(), "output rows");
        assertEquals(ROWS, seen.size(), "distinct ids");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "a row came out twice");
    }
}
