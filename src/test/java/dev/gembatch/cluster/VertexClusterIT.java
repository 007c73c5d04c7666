package dev.gembatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.job.TestServiceAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Vertex AI job on a real standalone cluster (master, one worker, its executor: separate JVMs),
 * the way the docs say to run it off Google Cloud: the service-account key file is shipped with
 * {@code spark-submit --files} and named relative to the executor's working directory, where
 * Spark puts it; the executor signs in through the emulator's token endpoint on its own.
 */
class VertexClusterIT {
    private static final int ROWS = 40;

    @TempDir
    Path tmp;

    @Test
    void anExecutorSignsInWithAKeyFileShippedByFiles() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder()
                .serviceAccount(TestServiceAccount.EMAIL, TestServiceAccount.publicKey()).build();
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        try (GeminiEmulator emulator = GeminiEmulator.start(options);
             StandaloneCluster cluster = StandaloneCluster.start(tmp, 1)) {
            Path key = TestServiceAccount.keyFile(secrets, "key.json", emulator.baseUrl() + "/token");
            Path log = cluster.launch("driver", List.of("org.apache.spark.deploy.SparkSubmit",
                    "--class", "dev.gembatch.job.Main",
                    "--master", cluster.masterUrl(),
                    "--deploy-mode", "client",
                    "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--conf", "spark.ui.enabled=false",
                    "--conf", "spark.executor.memory=512m",
                    "--files", key.toString(),
                    System.getProperty("gembatch.jar"), writeJob().toString(),
                    "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\""), Map.of());
            Process driver = cluster.last();
            assertTrue(driver.waitFor(420, TimeUnit.SECONDS), () -> "job still running:\n" + Logs.read(log));
            assertEquals(0, driver.exitValue(), () -> "the job failed:\n" + Logs.read(log));
            EmulatorStats stats = emulator.stats();
            assertEquals(ROWS, stats.requestsWithStatus(200), stats::toJson);
            assertEquals(1, stats.tokenRequests(), "one executor JVM, one sign-in: " + stats.toJson());
        }
        List<Row> rows = StandaloneCluster.readOutput(tmp.resolve("out"));
        assertEquals(ROWS, rows.size());
        assertTrue(rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))), rows::toString);
    }

    private Path writeJob() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        String lines = IntStream.range(0, ROWS).mapToObj(i -> i + ",Summarise record " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        Path job = tmp.resolve("vertex.conf");
        Files.writeString(job, String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = \"" + tmp.resolve("out") + "\"",
                "gemini { endpoint = vertex, vertex { project = " + TestServiceAccount.PROJECT
                        + ", location = us-central1, credentials-file = key.json } }",
                "spark.partitions = 2"), StandardCharsets.UTF_8);
        return job;
    }
}
