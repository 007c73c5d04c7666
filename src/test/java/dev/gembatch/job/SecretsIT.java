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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key stays secret through a whole job run by {@code jobs/run} with Spark's event log on:
 * it appears in no file the run wrote (output, event log with the SparkConf and system
 * properties the UI's environment tab shows), not on the console (gembatch's and Spark's log
 * lines), and not in the arguments of any process. The same holds on Vertex AI for the access
 * tokens (every token the emulator issues starts with {@code ya29.emulator-}) and the service
 * account's private key.
 */
class SecretsIT {
    private final String key = "AIzaSyGembatchSecret" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path tmp;

    @Test
    void theKeyAppearsInNoFileLogOrProcessArgumentOfARun() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        List<String> commandLines = new ArrayList<>();
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder()
                .apiKey(key).build())) {
            Process p = launch(emulator, events);
            commandLines.addAll(watchCommandLines(p));
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jobs/run did not finish in 3 minutes");
            assertEquals(0, p.exitValue(), () -> "jobs/run failed:\n" + read(tmp.resolve("err")));
            assertEquals(10, emulator.stats().requestsWithStatus(200),
                    "the key must have been used: " + emulator.stats().toJson());
        }
        assertTrue(read(tmp.resolve("out.txt")).contains("12 rows written"));
        assertTrue(eventLogText(events).contains("SparkListenerEnvironmentUpdate"),
                "the event log holds the environment the Spark UI shows");
        assertFalse(commandLines.isEmpty(), "the job's JVM command line was never seen");
        assertEquals(List.of(), filesHoldingTheKey(tmp));
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
            Process p = launch(emulator, events, "--set", "gemini.endpoint=vertex",
                    "--set", "gemini.vertex.project=" + TestServiceAccount.PROJECT,
                    "--set", "gemini.vertex.credentials-file=\"" + keyFile + "\"");
            commandLines.addAll(watchCommandLines(p));
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jobs/run did not finish in 3 minutes");
            assertEquals(0, p.exitValue(), () -> "jobs/run failed:\n" + read(tmp.resolve("err")));
            assertEquals(10, emulator.stats().requestsWithStatus(200), emulator.stats()::toJson);
            assertTrue(emulator.stats().tokenRequests() >= 1, emulator.stats()::toJson);
        } finally {
            Files.deleteIfExists(secrets.resolve("key.json"));
            Files.deleteIfExists(secrets);
        }
        assertTrue(eventLogText(events).contains("SparkListenerEnvironmentUpdate"));
        assertFalse(commandLines.isEmpty(), "the job's JVM command line was never seen");
        String keyPart = TestServiceAccount.privateKeyBase64().substring(0, 60);
        for (String secret : List.of("ya29.emulator-", keyPart, key)) {
            assertEquals(List.of(), filesHolding(tmp, secret), secret);
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
    }

    private Process launch(GeminiEmulator emulator, Path events, String... extra) throws IOException {
        Path sample = Path.of("jobs/samples/reviews-sentiment.conf").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("jobs/run", sample.toString(),
                "--set", "input.path=\"" + Path.of("data-samples/reviews.csv").toAbsolutePath() + "\"",
                "--set", "output.path=\"" + tmp.resolve("output") + "\"",
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "spark.master=\"local[2]\"",
                "--set", "spark.conf.\"spark.eventLog.enabled\"=true",
                "--set", "spark.conf.\"spark.eventLog.dir\"=\"file://" + events + "\"",
                "--set", "spark.conf.\"spark.ui.enabled\"=false");
        pb.command().addAll(List.of(extra));
        pb.redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().put("GEMINI_API_KEY", key);
        pb.environment().put("GEMBATCH_JAVA_OPTS", "-Xmx1g");
        return pb.start();
    }

    /** The command lines of the launcher's process (bash, then the java it execs) and its children. */
    private static List<String> watchCommandLines(Process p) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (p.isAlive() && !String.join(" ", seen).contains("dev.gembatch.job.Main")) {
            Stream.concat(Stream.of(p.toHandle()), p.toHandle().descendants())
                    .map(h -> h.info().commandLine().orElse(""))
                    .filter(c -> !c.isEmpty() && !seen.contains(c)).forEach(seen::add);
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return seen;
    }

    private List<String> filesHoldingTheKey(Path root) throws IOException {
        return filesHolding(root, key);
    }

    private static List<String> filesHolding(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> contains(bytes(f), needle))
                    .map(Path::toString).collect(Collectors.toList());
        }
    }

    private static String eventLogText(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(SecretsIT::bytes)
                    .map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.joining());
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        return new String(bytes(f), StandardCharsets.UTF_8);
    }
}
