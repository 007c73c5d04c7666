package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gemini.api-key-file} (issue 15 item 3): the key read from a file on the driver, for
 * cluster deploy mode; every problem names the key and the file, never the file's content.
 */
class ApiKeyFileTest {
    private static final String SECRET = "AIzaSy-file-secret-0123456789";

    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void theKeyIsReadFromTheFileWithoutItsNewline() throws Exception {
        Path file = keyFile(SECRET + "\n");
        JobSettings s = load("gemini.api-key-file = \"" + file + "\"\n", Map.of());
        assertEquals(SECRET, s.gemini().apiKey().reveal());
    }

    @Test
    void theFileCanBeNamedByTheEnvironment() throws Exception {
        Path file = keyFile(SECRET);
        JobSettings s = load("", Map.of("GEMINI_API_KEY_FILE", file.toString()));
        assertEquals(SECRET, s.gemini().apiKey().reveal());
    }

    @Test
    void aMissingFileIsAProblemNamingTheKeyAndTheFile() {
        Path missing = jobs.dir().resolve("no-such-key.txt");
        String problem = assertProblem(problems("gemini.api-key-file = \"" + missing + "\"\n"),
                "gemini.api-key-file " + jobs.at(5), missing.toString(), "does not exist");
        assertFalse(problem.contains("got"), problem);
    }

    @Test
    void anEmptyFileIsAProblem() throws Exception {
        Path file = keyFile(" \n");
        assertProblem(problems("gemini.api-key-file = \"" + file + "\"\n"),
                "gemini.api-key-file " + jobs.at(5), file.toString(), "is empty");
    }

    @Test
    void aFileThatIsNotUtf8TextIsRefusedWithoutShowingItsContent() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(secret, secret.length + 1);
        bytes[secret.length] = (byte) 0xff;
        Path file = Files.write(jobs.dir().resolve("key.bin"), bytes);
        InvalidConfigException e = failure("gemini.api-key-file = \"" + file + "\"\n", Map.of());
        assertProblem(e.problems(), "gemini.api-key-file " + jobs.at(5), file.toString(),
                "not UTF-8 text");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aFileWithMoreThanTheKeyIsRefusedWithoutEchoingIt() throws Exception {
        Path file = keyFile(SECRET + "\nexport OTHER=" + SECRET + "\n");
        InvalidConfigException e = failure("gemini.api-key-file = \"" + file + "\"\n", Map.of());
        assertProblem(e.problems(), "gemini.api-key-file " + jobs.at(5), "alone, on one line");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        assertProblem(problems("gemini.api-key-file = \"" + jobs.dir() + "\"\n"),
                "gemini.api-key-file " + jobs.at(5), "it is a directory");
    }

    @Test
    void theFileAndTheEnvironmentKeyTogetherAreAProblem() throws Exception {
        Path file = keyFile(SECRET);
        InvalidConfigException e = failure("gemini.api-key-file = \"" + file + "\"\n", JobFiles.ENV);
        assertProblem(e.problems(), "gemini.api-key-file " + jobs.at(5), "not both");
        assertFalse(e.getMessage().contains(JobFiles.KEY), e.getMessage());
    }

    @Test
    void withoutKeyOrFileTheProblemNamesBothWays() {
        InvalidConfigException e = failure("", Map.of());
        assertTrue(e.getMessage().contains("gemini.api-key-file"), e.getMessage());
    }

    private Path keyFile(String content) throws Exception {
        return Files.writeString(jobs.dir().resolve("key.txt"), content, StandardCharsets.UTF_8);
    }

    private JobSettings load(String extraLines, Map<String, String> env) throws Exception {
        return JobConfig.load(jobs.write(JobFiles.VALID + extraLines), null, List.of(), env);
    }

    private InvalidConfigException failure(String extraLines, Map<String, String> env) {
        Path job = jobs.write(JobFiles.VALID + extraLines);
        return assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), env));
    }

    private List<String> problems(String extraLines) {
        return failure(extraLines, Map.of()).problems();
    }
}
