package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar as spark-submit runs it: {@code org.apache.spark.deploy.SparkSubmit} in a
 * separate JVM whose class path holds Spark and its dependencies only (no HttpClient 5, no
 * Typesafe Config: those must come relocated from inside the jar), running a sample job against
 * the built-in emulator.
 */
class ShadedJarIT {

    @TempDir
    Path tmp;

    @Test
    void shadedJarRunsASampleJobThroughSparkSubmit() throws Exception {
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder(command(out))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("submit.log").toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish in 5 minutes");
        String log = Files.readString(tmp.resolve("submit.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "spark-submit failed:\n" + log);
        assertTrue(log.contains("12 rows written"), log);
        SparkSession spark = SparkSession.builder().master("local[1]").appName("it-read")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            assertEquals(12, spark.read().parquet(out.toString()).count());
        } finally {
            spark.stop();
        }
    }

    private List<String> command(Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("gembatch.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", sparkOnlyClassPath(),
                "org.apache.spark.deploy.SparkSubmit",
                "--class", "dev.gembatch.job.Main",
                "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                System.getProperty("gembatch.jar"),
                Path.of("jobs/samples/reviews-sentiment.conf").toAbsolutePath().toString(),
                "--set", "input.path=\"" + Path.of("data-samples/reviews.csv").toAbsolutePath() + "\"",
                "--set", "output.path=\"" + out + "\""));
        return cmd;
    }

    /** The launcher's class path without the libraries the jar carries relocated inside it. */
    private static String sparkOnlyClassPath() throws IOException {
        String all = Files.readString(Path.of(System.getProperty("gembatch.classpath.file")));
        return Arrays.stream(all.trim().split(File.pathSeparator))
                .filter(e -> !e.contains("httpclient5") && !e.contains("httpcore5")
                        && !e.contains("/com/typesafe/config/"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
