package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key stays secret through a whole job run by {@code jobs/run} with Spark's event log on:
 * it appears in no file the run wrote (output, event log with the SparkConf and system
 * properties the UI's environment tab shows), not on the console (gembatch's and Spark's log
 * lines), and not in the arguments of any process; whether it came from the environment or
 * from {@code gemini.api-key-file} (the key file itself, in its own folder, is the one file
 * allowed to hold it). The same holds on Vertex AI for the access tokens (every token the
 * emulator issues starts with {@code ya29.emulator-}) and the service account's private key.
 * The Spark line is this build's ({@code GEMBATCH_SPARK_LINE}).
 */
class SecretsIT {
    private final String key = "AIzaSyGembatchSecret" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path tmp;

    @Test
    void theKeyAppearsInNoFileLogOrProcessArgumentOfARun() throws Exception {
        assertTheKeyStaysSecret(List.of(), Map.of("GEMINI_API_KEY", key));
    }

    /**
     * Cluster deploy mode's way (issue 15 item 3): the driver reads the key from
     * {@code gemini.api-key-file}, its environment holds no key; only the file holds it.
     */
    @Test
    void aKeyFromAKeyFileAppearsInNoOtherFileLogOrProcessArgument() throws Exception {
        Path keyFile = Files.writeString(Files.createDirectories(tmp.resolve("secret"))
                .resolve("gemini-key.txt"), key + "\n", StandardCharsets.UTF_8);
        assertTheKeyStaysSecret(List.of("--set", "gemini.api-key-file=\"" + keyFile + "\""),
                Map.of());
    }

    private void assertTheKeyStaysSecret(List<String> extraArgs, Map<String, String> env)
            throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        List<String> commandLines = new ArrayList<>();
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder()
                .apiKey(key).build())) {
            Process p = launch(emulator, events, extraArgs, env);
            commandLines.addAll(JvmCommandLines.watch(p));
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jobs/run did not finish in 3 minutes");
            assertEquals(0, p.exitValue(), () -> "jobs/run failed:\n" + read(tmp.resolve("err")));
            assertEquals(10, emulator.stats().requestsWithStatus(200),
                    "the key must have been used: " + emulator.stats().toJson());
        }
        assertTrue(read(tmp.resolve("out.txt")).contains("12 rows written"));
        assertTrue(KeySearch.text(events).contains("SparkListenerEnvironmentUpdate"),
                "the event log holds the environment the Spark UI shows");
        assertFalse(commandLines.isEmpty(), "the job's JVM command line was never seen");
        assertEquals(List.of(), KeySearch.filesHolding(tmp, key, tmp.resolve("secret")));
        commandLines.forEach(c -> assertFalse(c.contains(key), "the key is in a command line"));
    }

    @Test
    void noTokenNorKeyMaterialAppearsInAnyFileLogOrProcessArgumentOfAVertexRun() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        Path secrets = Files.createDirectories(tmp.getParent().resolve(tmp.getFileName() + "-sa"));
        List<String> commandLines = new ArrayList<>();
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder().apiKey(key)
                .serviceAccount(TestServiceAccount.EMAIL, TestServiceAccount.publicKey()).build())) {
            Path keyFile = TestServiceAccount.keyFile(secrets, "key.json", emulator.baseUrl() + "/token");
            Process p = launch(emulator, events, List.of("--set", "gemini.endpoint=vertex",
                    "--set", "gemini.vertex.project=" + TestServiceAccount.PROJECT,
                    "--set", "gemini.vertex.credentials-file=\"" + keyFile + "\""),
                    Map.of("GEMINI_API_KEY", key));
            commandLines.addAll(JvmCommandLines.watch(p));
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jobs/run did not finish in 3 minutes");
            assertEquals(0, p.exitValue(), () -> "jobs/run failed:\n" + read(tmp.resolve("err")));
            assertEquals(10, emulator.stats().requestsWithStatus(200), emulator.stats()::toJson);
            assertTrue(emulator.stats().tokenRequests() >= 1, emulator.stats()::toJson);
        } finally {
            Files.deleteIfExists(secrets.resolve("key.json"));
            Files.deleteIfExists(secrets);
        }
        assertTrue(KeySearch.text(events).contains("SparkListenerEnvironmentUpdate"));
        assertFalse(commandLines.isEmpty(), "the job's JVM command line was never seen");
        String keyPart = TestServiceAccount.privateKeyBase64().substring(0, 60);
        for (String secret : List.of("ya29.emulator-", keyPart, key)) {
            assertEquals(List.of(), KeySearch.filesHolding(tmp, secret, tmp.resolve("secret")), secret);
            commandLines.forEach(c -> assertFalse(c.contains(secret), "a secret is in a command line"));
        }
    }

    @Test
    void theLauncherPassesNoKeyOnTheJavaCommandLine() throws IOException {
        String launcher = Files.readString(Path.of("jobs/run"), StandardCharsets.UTF_8);
        List<String> javaLine = launcher.lines().dropWhile(l -> !l.startsWith("exec java"))
                .collect(Collectors.toList());
        assertFalse(javaLine.isEmpty());
        javaLine.forEach(l -> assertFalse(l.contains("GEMINI_API_KEY") || l.contains("api-key"),
                "the launcher puts the key on the command line: " + l));
        // the run that records the class-data archive (once per build) gets no key at all
        assertTrue(launcher.contains("env -u GEMINI_API_KEY -u GEMINI_API_KEY_FILE java"),
                "the class-data recording run may see the key");
    }

    /** jobs/run on this build's Spark line, the key only in {@code env} or {@code extraArgs}. */
    private Process launch(GeminiEmulator emulator, Path events, List<String> extraArgs,
                           Map<String, String> env) throws IOException {
        Path sample = Path.of("jobs/samples/reviews-sentiment.conf").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("jobs/run", sample.toString(),
                "--set", "input.path=\"" + Path.of("data-samples/reviews.csv").toAbsolutePath() + "\"",
                "--set", "output.path=\"" + tmp.resolve("output") + "\"",
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "spark.master=\"local[2]\"",
                "--set", "spark.conf.\"spark.eventLog.enabled\"=true",
                "--set", "spark.conf.\"spark.eventLog.dir\"=\"file://" + events + "\"",
                "--set", "spark.conf.\"spark.eventLog.compress\"=false",
                "--set", "spark.conf.\"spark.ui.enabled\"=false"));
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GEMINI_API_KEY_FILE");
        pb.environment().putAll(env);
        pb.environment().put("GEMBATCH_JAVA_OPTS", "-Xmx1g "
                + System.getProperty("gembatch.spawned.jvm.flags"));
        // one JVM per launch, the one whose command line is watched: the class-data archive's
        // recording run (keyless, see above) would be a second Main
        pb.environment().put("GEMBATCH_CDS", "off");
        pb.environment().put("GEMBATCH_SPARK_LINE", System.getProperty("gembatch.spark.line"));
        return pb.start();
    }

    private static String read(Path f) {
        return new String(KeySearch.bytes(f), StandardCharsets.UTF_8);
    }
}
