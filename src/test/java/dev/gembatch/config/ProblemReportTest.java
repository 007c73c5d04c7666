package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.KEY;
import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemReportTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void everyProblemOfAFileIsReportedInOneMessageOneLineEach() {
        InvalidConfigException e = jobs.failure("gemini.concurency = 2\n"
                + "gemini.retry.max-attempts = 0\n" + "output.mode = replace\n"
                + "model.generation.top-p = 7\n", "gemini.auth=bearer");
        assertEquals(5, e.problems().size(), e.problems().toString());
        String[] lines = e.getMessage().split("\n");
        assertEquals("Invalid job configuration (5 problems):", lines[0]);
        assertEquals(6, lines.length, e.getMessage());
        for (int i = 1; i < lines.length; i++) {
            assertEquals("  - " + e.problems().get(i - 1), lines[i]);
        }
        assertTrue(e.problems().contains(
                "gemini.retry.max-attempts " + jobs.at(6) + ": must be >= 1; got 0"), e.getMessage());
    }

    @Test
    void theApiKeyIsNeverEchoedEvenWhenPastedIntoAnotherKey() {
        InvalidConfigException e = jobs.failure("gemini.auth = \"" + KEY + "\"\n"
                + "gemini.apikey = \"" + KEY + "\"\n" + "model.generation.temperature = \""
                + KEY + "\"\n", "gemini.wire-format=" + KEY, "spark.partitions " + KEY);
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(String.join("\n", e.problems()).contains(KEY));
        assertProblem(e.problems(), "gemini.auth " + jobs.at(5), "got \"***\"");
    }

    @Test
    void anEmptyKeyProblemDoesNotEchoTheValue() {
        Path job = jobs.write(JobFiles.VALID + "gemini.api-key = \"   \"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), JobFiles.ENV));
        String problem = assertProblem(e.problems(), "gemini.api-key " + jobs.at(5), "GEMINI_API_KEY");
        assertFalse(problem.contains("got"), problem);
    }

    /** Issue 11 item 6: a list, object, number or boolean key passed and every request got 400. */
    @ParameterizedTest(name = "gemini.api-key = {0}")
    @CsvSource(delimiter = '|', value = {
        "12345678 | a number",
        "[\"sekrit-abc\"] | a list",
        "{ value = \"sekrit-abc\" } | an object",
        "true | a boolean",
    })
    void apiKeyOfTheWrongTypeIsRefusedWithoutEchoingIt(String value, String given) {
        String problem = assertProblem(jobs.problems("gemini.api-key = " + value + "\n"),
                "gemini.api-key " + jobs.at(5), "must be a string", "not " + given);
        assertFalse(problem.contains("12345678") || problem.contains("sekrit-abc")
                || problem.contains("got"), problem);
    }

    @Test
    void apiKeyFromTheEnvironmentIsAStringEvenWhenItLooksLikeANumber() throws Exception {
        Path job = jobs.write(JobFiles.VALID);
        JobSettings s = JobConfig.load(job, null, List.of(), Map.of("GEMINI_API_KEY", "12345678"));
        assertEquals("12345678", s.gemini().apiKey().reveal());
    }

    @Test
    void quotedApiKeyInTheFileIsAccepted() throws Exception {
        Path job = jobs.write(JobFiles.VALID + "gemini.api-key = \"12345678\"\n");
        JobSettings s = JobConfig.load(job, null, List.of(), Map.of());
        assertEquals("12345678", s.gemini().apiKey().reveal());
    }

    @Test
    void malformedOverridesAreReported() {
        List<String> problems = jobs.problems("", "gemini.concurrency", "=8", "bad key!=1",
                "gemini.concurrency=[1,");
        assertProblem(problems, "--set gemini.concurrency: expected key=value");
        assertProblem(problems, "--set : expected key=value");
        assertProblem(problems, "bad key! (--set bad key!): not a valid key path");
        assertProblem(problems, "gemini.concurrency (--set gemini.concurrency): value is not valid HOCON");
    }

    @Test
    void overrideOfTheApiKeyIsNeverEchoedWhenMalformed() {
        InvalidConfigException e = jobs.failure("", "gemini.api-key=[" + KEY);
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void syntaxErrorInTheJobFileNamesFileAndLine() {
        Path job = jobs.write(JobFiles.VALID + "gemini {\n  concurrency = 4\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), JobFiles.ENV));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("cannot read " + job + ": " + job + ": "),
                e.problems().get(0));
    }

    @Test
    void missingJobFileIsReported() {
        Path job = jobs.dir().resolve("nope.conf");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), JobFiles.ENV));
        assertTrue(e.getMessage().contains("cannot read " + job), e.getMessage());
    }

    @Test
    void unknownKeysOfTheSiteConfAreReportedWithItsOrigin() throws Exception {
        Path site = java.nio.file.Files.writeString(jobs.dir().resolve("site.conf"), "spark.mastr = x\n");
        Path job = jobs.write(JobFiles.VALID);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, site, List.of(), JobFiles.ENV));
        assertProblem(e.problems(), "spark.mastr (" + site + ":1)", "did you mean spark.master?");
    }

    @Test
    void unresolvableSubstitutionNamesTheVariable() {
        Path job = jobs.write(JobFiles.VALID + "output.path = ${OUTPUT_DIR}/labels\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), Map.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("OUTPUT_DIR"), e.problems().get(0));
    }

    @Test
    void substitutionFromTheEnvironmentFillsAnyKey() throws Exception {
        Path job = jobs.write(JobFiles.VALID + "output.path = ${OUTPUT_DIR}/labels\n");
        JobSettings s = JobConfig.load(job, null, List.of(),
                Map.of("OUTPUT_DIR", "/data", "GEMINI_API_KEY", KEY, "weird(name)", "x"));
        assertEquals("/data/labels", s.output().path());
    }
}
