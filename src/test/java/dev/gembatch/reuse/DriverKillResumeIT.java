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
 * {@code --resume} writes every input row exactly once with its right answer. After SIGKILL the
 * emulator's statistics show that requests paid twice are at most what was in flight or not yet
 * journaled when the driver died: per task, its window plus one journal file's worth of
 * answers; after SIGTERM no request is paid twice.
 */
class DriverKillResumeIT {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int ROWS = 400;
    private static final int PARTITIONS = 2;
    private static final int WINDOW = 8;
    private static final int FLUSH_ROWS = 5;

    @TempDir
    Path tmp;

    @Test
    void killedDriverResumesWithoutLosingARowAndPaysTwiceOnlyForWhatWasInFlight()
            throws Exception {
        Interrupted run = interruptThenResume(true);
        EmulatorStats stats = run.stats();
        long resent = stats.requestsByAttempt().entrySet().stream()
                .filter(e -> e.getKey() > 1).mapToLong(e -> e.getValue()).sum();
        long bound = (long) PARTITIONS * (WINDOW + FLUSH_ROWS);
        System.out.printf("driver-kill resume: %d requests before the kill, %d in total,"
                + " re-sent %d (bound %d), paid twice %d%n", run.sentBefore(),
                stats.totalRequests(), resent, bound, stats.paidTwice());
        assertTrue(resent <= bound, stats::toJson);
        assertTrue(stats.paidTwice() <= bound, stats::toJson);
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
                .firstByteLatency(Duration.ofMillis(300)).chunkGap(Duration.ofMillis(30))
                .chunks(3).build())) {
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
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"" + emulator.apiKey() + "\""));
        cmd.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log).toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
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
                "journal { flush-rows = " + FLUSH_ROWS + ", flush-interval = 10m }",
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
