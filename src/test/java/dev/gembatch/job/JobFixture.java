package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link Main} in-process (on the test's shared Spark session) against an emulator the test
 * owns, so the test can read the emulator's statistics; captures stdout and stderr. As a
 * {@code @RegisterExtension} static field it serves one test class: statistics reset before each
 * test, emulator stopped after the last. The emulator serves both endpoints; a run on
 * {@link Api#VERTEX} signs in with a {@link TestServiceAccount} key file whose token endpoint is
 * the emulator's.
 */
final class JobFixture implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    /** Location of the Vertex runs (a region, so the path is the regional one). */
    static final String LOCATION = "us-central1";
    final GeminiEmulator emulator;
    private final Path keyDir;
    private final Path keyFile;

    /** The endpoint a test run goes through. */
    enum Api { GEMINI_API, VERTEX }

    /** Starts the emulator, trusting the test service account, and writes its key file. */
    JobFixture(EmulatorOptions options) {
        try {
            emulator = GeminiEmulator.start(options.toBuilder()
                    .serviceAccount(TestServiceAccount.EMAIL, TestServiceAccount.publicKey()).build());
            keyDir = Files.createTempDirectory("gembatch-test-sa");
            keyFile = TestServiceAccount.keyFile(keyDir, "key.json", emulator.baseUrl() + "/token");
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator did not start", e);
        }
    }

    /** The service-account key file Vertex runs sign in with. */
    Path keyFile() {
        return keyFile;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.resetStats();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Generation requests the emulator received since the test began (countTokens aside). */
    long generationRequests() {
        return emulator.stats().requestsByScenario().values().stream()
                .mapToLong(Long::longValue).sum();
    }

    /** The result of one run of the command line. */
    record Run(int exitCode, String out, String err) {
        Run expect(int code) {
            assertEquals(code, exitCode, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    /** Runs a job file with the endpoint set to this emulator and extra --set overrides. */
    Run run(Path jobFile, String... sets) {
        return run(Api.GEMINI_API, jobFile, sets);
    }

    /** The same through {@code api}. */
    Run run(Api api, Path jobFile, String... sets) {
        List<String> args = new ArrayList<>();
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return command(api, jobFile, args.toArray(String[]::new));
    }

    /**
     * Runs the simplest job over {@code input}: "Say: {{text}}" with {@code model}, written to
     * {@code dir}/out on local[2] (its job file goes in {@code dir} too).
     */
    Run sayText(Path dir, Path input, String model, String... sets) throws IOException {
        return sayText(Api.GEMINI_API, dir, input, model, sets);
    }

    /** The same through {@code api}. */
    Run sayText(Api api, Path dir, Path input, String model, String... sets) throws IOException {
        Path job = jobFile(dir, "job.conf", String.join("\n",
                "input.path = " + q(input),
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"" + model + "\"",
                "output.path = " + q(dir.resolve("out")),
                "spark.master = \"local[2]\""));
        return run(api, job, sets);
    }

    /** Runs a job file with the endpoint set to this emulator and extra command-line arguments. */
    Run command(Path jobFile, String... extra) {
        return command(Api.GEMINI_API, jobFile, extra);
    }

    /** The same through {@code api}: on Vertex, signed in with the test service account. */
    Run command(Api api, Path jobFile, String... extra) {
        List<String> args = new ArrayList<>(List.of(jobFile.toString(),
                "--set", "gemini.base-url=\"" + emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"" + emulator.apiKey() + "\""));
        if (api == Api.VERTEX) {
            args.addAll(List.of("--set", "gemini.endpoint=vertex",
                    "--set", "gemini.vertex.project=" + TestServiceAccount.PROJECT,
                    "--set", "gemini.vertex.location=" + LOCATION,
                    "--set", "gemini.vertex.credentials-file=" + q(keyFile)));
        }
        args.addAll(List.of(extra));
        return main(args.toArray(String[]::new));
    }

    /** Runs Main with exactly these arguments. */
    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Writes a job file. */
    static Path jobFile(Path dir, String name, String hocon) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, hocon, StandardCharsets.UTF_8);
        return file;
    }

    /** Quotes a path for HOCON. */
    static String q(Path p) {
        return "\"" + p.toAbsolutePath() + "\"";
    }

    @Override
    public void close() {
        emulator.close();
        try {
            Files.deleteIfExists(keyFile);
            Files.deleteIfExists(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException("the test key file could not be deleted", e);
        }
    }
}
