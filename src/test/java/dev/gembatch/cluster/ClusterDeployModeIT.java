package dev.gembatch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.job.KeySearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster deploy mode (issue 15 item 3) on a real standalone cluster: {@code spark-submit
 * --deploy-mode cluster} hands the driver to a worker, whose environment holds no key, and the
 * driver reads it from {@code gemini.api-key-file}. The job completes with the key; the key is
 * in no file the cluster wrote (driver and executor logs, event log, output) and in no command
 * line of any JVM the cluster ran (submitter, master, workers, driver, executor).
 */
class ClusterDeployModeIT {
    private static final int ROWS = 40;

    @TempDir
    Path tmp;

    @Test
    void aDriverOnAWorkerReadsTheKeyFromAKeyFileAndShowsItNowhere() throws Exception {
        Set<String> commandLines = new HashSet<>();
        String key;
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder().build());
             StandaloneCluster cluster = StandaloneCluster.start(tmp, 2)) {
            key = emulator.apiKey();
            Path keyFile = Files.writeString(Files.createDirectories(tmp.resolve("secret"))
                    .resolve("gemini-key.txt"), key + "\n", StandardCharsets.UTF_8);
            Path log = submit(cluster, emulator, keyFile);
            Process submitter = cluster.last();
            while (!submitter.waitFor(100, TimeUnit.MILLISECONDS)) {
                commandLines.addAll(cluster.commandLines());
                assertTrue(commandLines.size() < 10_000, "no end to new command lines");
            }
            assertEquals(0, submitter.exitValue(), () -> "the driver failed:\n" + Logs.read(log)
                    + driverLogs());
            assertEquals(ROWS, emulator.stats().requestsWithStatus(200),
                    () -> "every row answered with the key: " + emulator.stats().toJson());
        }
        assertTrue(commandLines.stream().anyMatch(c -> c.contains("DriverWrapper")),
                "the driver never ran on a worker: " + commandLines);
        commandLines.forEach(c -> assertFalse(c.contains(key), "the key is in a command line"));
        assertTrue(driverLogs().contains("SparkContext"), "no driver log was found");
        assertTrue(KeySearch.text(tmp.resolve("events")).contains("SparkListenerEnvironmentUpdate"),
                "the event log holds the environment the Spark UI shows");
        assertEquals(List.of(), KeySearch.filesHolding(tmp, key, tmp.resolve("secret")));
    }

    private Path submit(StandaloneCluster cluster, GeminiEmulator emulator, Path keyFile)
            throws Exception {
        Path job = writeJob();
        Path events = Files.createDirectories(tmp.resolve("events"));
        return cluster.launch("submit", List.of("org.apache.spark.deploy.SparkSubmit",
                "--class", "dev.gembatch.job.Main",
                "--master", cluster.masterUrl(),
                "--deploy-mode", "cluster",
                "--driver-memory", "512m",
                "--driver-cores", "1",
                "--driver-java-options", System.getProperty("gembatch.jvm.flags").trim(),
                "--conf", "spark.standalone.submit.waitAppCompletion=true",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.dir=file://" + events,
                "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=1",
                System.getProperty("gembatch.jar"), job.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "gemini.api-key-file=\"" + keyFile + "\""), Map.of());
    }

    private Path writeJob() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, IntStream.range(0, ROWS).mapToObj(i -> i + ",Label row " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n")), StandardCharsets.UTF_8);
        return Files.writeString(tmp.resolve("deploy.conf"), String.join("\n",
                "input.path = \"" + csv + "\"",
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = \"" + tmp.resolve("out") + "\""), StandardCharsets.UTF_8);
    }

    /** The driver's stdout and stderr, as the worker that ran it wrote them. */
    private String driverLogs() {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(f -> f.getParent().getFileName().toString().startsWith("driver-"))
                    .filter(f -> f.getFileName().toString().startsWith("std"))
                    .map(Logs::read).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
