package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.cluster.StandaloneCluster;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar as spark-submit runs it: {@code org.apache.spark.deploy.SparkSubmit} in a
 * separate JVM whose class path holds Spark and its dependencies only (no HttpClient 5, no
 * Typesafe Config, no Google auth library, HTTP client, Gson, Guava, OpenCensus or gRPC: those
 * must come relocated from inside the jar), running a sample job against the built-in emulator,
 * and the same job on Vertex AI signed in with a service-account key file against an emulator
 * on loopback.
 */
class ShadedJarIT {
    @TempDir
    Path tmp;

    @Test
    void shadedJarRunsASampleJobThroughSparkSubmit() throws Exception {
        Path out = tmp.resolve("out");
        String log = submit(out);
        assertTrue(log.contains("12 rows written"), log);
        assertRows(out);
    }

    @Test
    void shadedJarSignsInToVertexWithAServiceAccountKeyFile() throws Exception {
        GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder()
                .serviceAccount(TestServiceAccount.EMAIL, TestServiceAccount.publicKey()).build());
        try (emulator) {
            Path key = TestServiceAccount.keyFile(tmp, "key.json", emulator.baseUrl() + "/token");
            Path out = tmp.resolve("vertex-out");
            String log = submit(out, "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                    "--set", "gemini.endpoint=vertex",
                    "--set", "gemini.vertex.project=" + TestServiceAccount.PROJECT,
                    "--set", "gemini.vertex.location=us-central1",
                    "--set", "gemini.vertex.credentials-file=\"" + key + "\"");
            assertTrue(log.contains("12 rows written"), log);
            assertEquals(10, emulator.stats().requestsWithStatus(200), "10 distinct sendable rows: "
                    + emulator.stats().toJson());
            assertTrue(emulator.stats().tokenRequests() >= 1, emulator.stats()::toJson);
            assertFalse(log.contains("ya29.") || log.contains(TestServiceAccount.privateKeyBase64()
                    .substring(0, 40)), "a token or key in the log");
            assertRows(out);
        }
    }

    @Test
    void theJarHoldsNoUnrelocatedCopyOfWhatItShades() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("gembatch.jar"))) {
            List<String> leaked = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("dev/gembatch/"))
                    .limit(5).toList();
            assertEquals(List.of(), leaked);
        }
    }

    private String submit(Path out, String... extra) throws Exception {
        Path log = tmp.resolve(out.getFileName() + "-submit.log");
        Process p = new ProcessBuilder(command(out, extra))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish in 5 minutes");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "spark-submit failed:\n" + text);
        return text;
    }

    private static void assertRows(Path out) {
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

    private List<String> command(Path out, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("gembatch.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", StandaloneCluster.sparkClassPath(),
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
        cmd.addAll(List.of(extra));
        return cmd;
    }

}
