package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/run} starts a preview, which lives for seconds, on the client compiler and the
 * serial collector (half the CPU of the JVM's defaults, docs/BENCHMARKS.md section 11), and
 * leaves the JVM's options to {@code GEMBATCH_JAVA_OPTS} when it is set. Each case is a real
 * preview of the sample against the built-in emulator, on this build's Spark line.
 */
class LauncherIT {
    private static final String CLIENT_COMPILER = "-XX:TieredStopAtLevel=1";
    private static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";

    @TempDir
    Path tmp;

    @Test
    void aPreviewStartsOnTheClientCompilerAndTheSerialCollector() throws Exception {
        String main = preview(null);
        assertTrue(main.contains(CLIENT_COMPILER) && main.contains(SERIAL_COLLECTOR), main);
        assertTrue(main.contains("-Xmx2g"), main);
    }

    @Test
    void gembatchJavaOptsReplacesTheLaunchersChoice() throws Exception {
        String main = preview("-Xmx1g");
        assertFalse(main.contains(CLIENT_COMPILER) || main.contains(SERIAL_COLLECTOR), main);
        assertTrue(main.contains("-Xmx1g"), main);
    }

    /** Runs {@code jobs/run --preview 2} on the sample; returns the command line of its JVM. */
    private String preview(String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("jobs/run", "--preview", "2",
                Path.of("jobs/samples/reviews-sentiment.conf").toAbsolutePath().toString()))
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GEMINI_API_KEY_FILE");
        pb.environment().remove("GEMBATCH_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("GEMBATCH_JAVA_OPTS", javaOpts);
        }
        pb.environment().put("GEMBATCH_CDS", "off"); // one JVM: the one watched
        pb.environment().put("GEMBATCH_SPARK_LINE", System.getProperty("gembatch.spark.line"));
        Process p = pb.start();
        String main = JvmCommandLines.main(JvmCommandLines.watch(p));
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the preview did not finish in 3 minutes");
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> out + err);
        assertTrue(out.contains("gembatch preview: 2 of the first 2 rows answered"), out);
        return main;
    }
}
