package dev.gembatch.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import dev.gembatch.emulator.GeminiEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole driver is stopped (SIGTERM) or killed (SIGKILL) mid-run; the same job rerun with
 * {@code --resume} writes every input row exactly once with its right answer. The job journals
 * with the default settings ({@code journal.flush-interval = 200ms}). After SIGKILL the
 * emulator's statistics show that requests paid twice are at most what was in flight or not yet
 * journaled when the driver died: per task, its window, the answers it can finish in one flush
 * interval, and those that finished during its last flush (at most its window again); after
 * SIGTERM no request is paid twice.
 */
class DriverKillResumeIT {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int ROWS = 400;
    private static final int PARTITIONS = 2;
    private static final int WINDOW = 8;
    private static final long FIRST_BYTE_MS = 300;
    private static final int CHUNKS = 3;
    private static final long CHUNK_GAP_MS = 30;
    /** journal.flush-interval's default (reference.conf). */
    private static final long FLUSH_INTERVAL_MS = 200;
    /**
     * Answers one task finishes per second at most: its whole window at once, each request
     * taking at least the emulator's first-byte latency and its chunk gaps (390 ms): 20.5/s.
     */
    private static final double TASK_RATE = WINDOW * 1000.0
            / (FIRST_BYTE_MS + CHUNKS * CHUNK_GAP_MS);
    /**
     * What a SIGKILL may make the resume pay again, per task running: its requests in flight
     * (the window), the answers it finished within one flush interval (not journaled yet), and
     * those that finished while its previous flush was being written (a flushing task sends
     * nothing, so never more than its window; about none when a flush takes a millisecond, up
     * to the window on a machine so loaded that a flush takes as long as a request):
     * 2 x (8 + 8 + 5) = 42.
     */
    private static final long BOUND = PARTITIONS * (2L * WINDOW
            + (long) Math.ceil(TASK_RATE * FLUSH_INTERVAL_MS / 1000.0));

    @TempDir
    Path tmp;

    @Test
    void killedDriverResumesWithoutLosingARowAndPaysTwiceOnlyForWhatWasInFlight()
            throws Exception {
        Interrupted run = interruptThenResume(true);
        EmulatorStats stats = run.stats();
        long resent = stats.requestsByAttempt().entrySet().stream()
                .filter(e -> e.getKey() > 1).mapToLong(e -> e.getValue()).sum();
        System.out.printf("driver-kill resume: %d requests before the kill, %d in total,"
                + " re-sent %d (bound %d: %d tasks x (2 x window %d + %.1f answers/s x %d ms)),"
                + " paid twice %d%n", run.sentBefore(), stats.totalRequests(), resent, BOUND,
                PARTITIONS, WINDOW, TASK_RATE, FLUSH_INTERVAL_MS, stats.paidTwice());
        assertTrue(resent <= BOUND, stats::toJson);
        assertTrue(stats.paidTwice() <= BOUND, stats::toJson);
        assertEquals(ROWS + resent, stats.totalRequests(), stats::toJson);
    }

    /**
     * Issue 11 item 2: SIGTERM (a graceful stop) after a third of the requests, then --resume.
     * The stopped run writes no row for a request it did not answer: its requests on the wire
     * finish within the grace and are journaled, the rest are never sent; so the resumed run
     * sends each remaining request once, and no request is paid twice.
     */
    @Test
    void stoppedDriverJournalsWhatItAnsweredAndResumeSendsEveryRequestOnce() throws Exception {
        Interrupted run = interruptThenResume(false);
        EmulatorStats stats = run.stats();
        System.out.printf("driver-stop resume: %d requests before SIGTERM, %d in total,"
                + " paid twice %d%n", run.sentBefore(), stats.totalRequests(), stats.paidTwice());
        assertEquals(ROWS, stats.totalRequests(), stats::toJson);
        assertEquals(0, stats.paidTwice(), stats::toJson);
    }

    /** The requests sent by the time the first run had exited, and the emulator's statistics. */
    private record Interrupted(long sentBefore, EmulatorStats stats) {
    }

    /**
     * Runs the job, interrupts its driver after a third of the requests (SIGKILL when
     * {@code kill}, else SIGTERM), runs it again with --resume and checks the complete output.
     */
    private Interrupted interruptThenResume(boolean kill) throws Exception {
        List<String> prompts = IntStream.range(0, ROWS).mapToObj(i -> "Question " + i).toList();
        Path job = job(prompts);
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder()
                .firstByteLatency(Duration.ofMillis(FIRST_BYTE_MS))
                .chunkGap(Duration.ofMillis(CHUNK_GAP_MS)).chunks(CHUNKS).build())) {
            Process first = start(job, emulator, "first.log");
            awaitSent(first, emulator, ROWS / 3);
            if (kill) {
                first.destroyForcibly();
            } else {
                first.destroy();
            }
            assertTrue(first.waitFor(1, TimeUnit.MINUTES), "the interrupted driver did not exit");
            long sentBefore = emulator.stats().totalRequests();
            Process resumed = start(job, emulator, "resume.log", "--resume");
            assertTrue(resumed.waitFor(4, TimeUnit.MINUTES), "the resumed run did not finish");
            String log = Files.readString(tmp.resolve("resume.log"), StandardCharsets.UTF_8);
            assertEquals(0, resumed.exitValue(), log);
            assertCompleteOutput(prompts);
            return new Interrupted(sentBefore, emulator.stats());
        }
    }

    private static void awaitSent(Process run, GeminiEmulator emulator, int requests)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (emulator.stats().totalRequests() < requests) {
            assertTrue(run.isAlive(), "the first run ended before it could be interrupted");
            assertTrue(System.nanoTime() < deadline, "the first run sent too little in 3 min");
            run.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private void assertCompleteOutput(List<String> prompts) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("it-read")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(tmp.resolve("out").toString()).collectAsList();
            assertEquals(prompts.size(), rows.size());
            assertEquals(prompts.size(), rows.stream().map(r -> r.getAs("prompt")).distinct()
                    .count(), "every input row exactly once");
            for (Row r : rows) {
                assertEquals("OK", r.getAs("status"), r::toString);
                assertTrue(((Number) r.getAs("attempts")).intValue() >= 1, r::toString);
                assertEquals(EmulatorAnswers.textFor(MODEL, r.getAs("prompt")), r.getAs("answer"));
            }
        } finally {
            spark.stop();
        }
    }

    private Process start(Path job, GeminiEmulator emulator, String log, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("gembatch.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-Dlog4j2.configurationFile="
                        + Path.of("conf", "log4j2.properties").toAbsolutePath(),
                "-cp", classPath(), "dev.gembatch.job.Main",
                job.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\""));
        cmd.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log).toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("GEMINI_API_KEY", emulator.apiKey());
        return builder.start();
    }

    private Path job(List<String> prompts) throws Exception {
        Path csv = tmp.resolve("prompts.csv");
        Files.writeString(csv, prompts.stream().collect(Collectors.joining("\n", "prompt\n", "\n")),
                StandardCharsets.UTF_8);
        Path job = tmp.resolve("job.conf");
        Files.writeString(job, String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = \"" + MODEL + "\"",
                "output.path = \"" + tmp.resolve("out") + "\"",
                "gemini { concurrency = " + WINDOW + ", adaptive-concurrency = false }",
                "spark { master = \"local[2]\", partitions = " + PARTITIONS + " }",
                "spark.conf { \"spark.driver.host\" = \"127.0.0.1\","
                        + " \"spark.driver.bindAddress\" = \"127.0.0.1\","
                        + " \"spark.ui.enabled\" = false }"), StandardCharsets.UTF_8);
        return job;
    }

    private static String classPath() throws Exception {
        String deps = Files.readString(Path.of(System.getProperty("gembatch.classpath.file")))
                .trim();
        return Path.of(System.getProperty("gembatch.classes.dir")).toAbsolutePath()
                + File.pathSeparator + deps;
    }
}
