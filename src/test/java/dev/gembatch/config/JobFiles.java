package dev.gembatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes job files into a fresh folder per test (a JUnit extension: {@code @RegisterExtension
 * final JobFiles jobs = new JobFiles();}) and collects the problems loading them reports.
 */
final class JobFiles implements BeforeEachCallback, AfterEachCallback {
    static final String KEY = "AIzaSy-test-secret-0123456789";
    static final Map<String, String> ENV = Map.of("GEMINI_API_KEY", KEY);
    /** A valid job: four lines, so extra lines of a test start at line 5. */
    static final String VALID = "input.path = in.csv\nprompt.column = text\n"
            + "model.name = gemini-2.5-flash\noutput.path = out\n";

    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("gembatch-config-test");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** This test's folder. */
    Path dir() {
        return dir;
    }

    Path write(String text) {
        try {
            return Files.writeString(dir.resolve("job.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Origin of line {@code line} of the job file written last. */
    String at(int line) {
        return "(" + dir.resolve("job.conf") + ":" + line + ")";
    }

    /** Loads VALID plus extra lines (line 5 on) with overrides, expecting failure. */
    InvalidConfigException failure(String extraLines, String... overrides) {
        Path job = write(VALID + extraLines);
        return assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(overrides), ENV));
    }

    List<String> problems(String extraLines, String... overrides) {
        return failure(extraLines, overrides).problems();
    }

    /** Asserts exactly one problem starts with {@code start} and that it has every fragment. */
    static String assertProblem(List<String> problems, String start, String... fragments) {
        List<String> matching = problems.stream().filter(p -> p.startsWith(start)).toList();
        assertEquals(1, matching.size(), "one problem starting with " + start + " in " + problems);
        for (String fragment : fragments) {
            assertTrue(matching.get(0).contains(fragment),
                    "'" + fragment + "' missing from: " + matching.get(0));
        }
        return matching.get(0);
    }
}
