package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/run} starts a run, a preview or a dry run on the client compiler and the serial
 * collector (a third to a half less CPU than the JVM's defaults for runs of 4,000 to 40,000
 * rows, docs/BENCHMARKS.md sections 11 and 15), the emulator, a server, on the JVM's defaults, and
 * leaves the JVM's options to {@code GEMBATCH_JAVA_OPTS} when it is set, without the class-data
 * archive when they start the flight recorder (a Java 17 JVM crashes with both). Each case is a
 * real command on the sample against the built-in emulator, on this build's Spark line.
 */
class LauncherIT {
    private static final String CLIENT_COMPILER = "-XX:TieredStopAtLevel=1";
    private static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";
    private static final String SAMPLE = Path.of("jobs/samples/reviews-sentiment.conf")
            .toAbsolutePath().toString();

    @TempDir
    Path tmp;

    @Test
    void aRunStartsOnTheClientCompilerAndTheSerialCollector() throws Exception {
        Path out = tmp.resolve("out");
        String main = launch(null, SAMPLE, "--set", "output.path=\"" + out + "\"");
        assertTrue(main.contains(CLIENT_COMPILER) && main.contains(SERIAL_COLLECTOR), main);
        assertTrue(main.contains("-Xmx2g"), main);
        assertTrue(read("out.txt").contains("gembatch: 12 rows written to " + out),
                () -> read("out.txt"));
    }

    @Test
    void gembatchJavaOptsReplacesTheLaunchersChoice() throws Exception {
        String main = launch("-Xmx1g", "--preview", "2", SAMPLE);
        assertFalse(main.contains(CLIENT_COMPILER) || main.contains(SERIAL_COLLECTOR), main);
        assertTrue(main.contains("-Xmx1g"), main);
        assertTrue(read("out.txt").contains("gembatch preview: 2 of the first 2 rows answered"),
                () -> read("out.txt"));
    }

    @Test
    void aRunThatRecordsAFlightStartsWithoutTheClassDataArchive() throws Exception {
        Path recording = tmp.resolve("preview.jfr");
        String main = launch("-Xmx1g -XX:StartFlightRecording=filename=" + recording, true,
                "--preview", "1", SAMPLE);
        assertFalse(main.contains("SharedArchiveFile"), main);
        assertTrue(Files.size(recording) > 0, "the flight recording was written");
        assertTrue(read("err.txt").contains("starting without the class-data archive"),
                () -> read("err.txt"));
    }

    @Test
    void theEmulatorKeepsTheJvmsDefaults() throws Exception {
        Process p = start(null, false, "--emulator");
        try {
            String main = JvmCommandLines.main(JvmCommandLines.watch(p));
            assertFalse(main.contains(CLIENT_COMPILER) || main.contains(SERIAL_COLLECTOR), main);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the emulator did not stop");
        }
    }

    /** Runs {@code jobs/run ARGS} to its end; returns the command line of its JVM. */
    private String launch(String javaOpts, String... args) throws Exception {
        return launch(javaOpts, false, args);
    }

    /**
     * The same, with the class-data archive as the launcher chooses when {@code cds} (then its
     * JVM must be the only one it starts), else without.
     */
    private String launch(String javaOpts, boolean cds, String... args) throws Exception {
        Process p = start(javaOpts, cds, args);
        String main = JvmCommandLines.main(JvmCommandLines.watch(p));
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jobs/run did not finish in 3 minutes");
        assertEquals(0, p.exitValue(), () -> read("out.txt") + read("err.txt"));
        return main;
    }

    private Process start(String javaOpts, boolean cds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("jobs/run"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GEMINI_API_KEY_FILE");
        pb.environment().remove("GEMBATCH_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("GEMBATCH_JAVA_OPTS", javaOpts);
        }
        if (cds) {
            pb.environment().remove("GEMBATCH_CDS");
        } else {
            pb.environment().put("GEMBATCH_CDS", "off"); // one JVM: the one watched
        }
        pb.environment().put("GEMBATCH_SPARK_LINE", System.getProperty("gembatch.spark.line"));
        return pb.start();
    }

    private String read(String file) {
        try {
            return Files.readString(tmp.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
