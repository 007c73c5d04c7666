package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleValidationTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    private List<String> problemsOf(String job, String... overrides) {
        Path file = jobs.write(job);
        return assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(file, null, List.of(overrides), JobFiles.ENV)).problems();
    }

    @Test
    void missingRequiredKeysAreAllReportedAgainstTheJobFile() {
        List<String> problems = problemsOf("prompt.column = text\n");
        String origin = "(" + jobs.dir().resolve("job.conf") + ")";
        assertProblem(problems, "input.path " + origin, "required, not set");
        assertProblem(problems, "output.path " + origin, "required, not set");
        assertProblem(problems, "model.name " + origin, "required, not set");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void serviceTierMistakesAreReportedBeforeAnyRequest() {
        assertProblem(jobs.problems("model.service-tier = cheap\n"), "model.service-tier "
                + jobs.at(5), "must be one of standard, flex, priority");
        assertProblem(jobs.problems("model.extra-request-fields.serviceTier = flex\n"),
                "model.extra-request-fields.serviceTier " + jobs.at(5), "use model.service-tier");
        assertProblem(jobs.problems("job.deadline = \"25:99\"\n"), "job.deadline " + jobs.at(5),
                "a time of day (06:30)");
    }

    @Test
    void anAnswerColumnHasItsOwnServiceTier() throws Exception {
        Path job = jobs.write(JobFiles.VALID.replace("prompt.column = text\n", "")
                + "answers { quick { prompt.template = \"{{text}}\", model.service-tier = priority }\n"
                + " cheap { prompt.template = \"{{quick}}\" } }\nmodel.service-tier = flex\n");
        JobSettings s = JobConfig.load(job, null, List.of(), JobFiles.ENV);

        assertEquals(ServiceTier.PRIORITY, s.answers().get(0).model().serviceTier());
        assertEquals(ServiceTier.FLEX, s.answers().get(1).model().serviceTier());
    }

    @Test
    void blankRequiredValueIsRejected() {
        assertProblem(jobs.problems("model.name = \"  \"\n"), "model.name " + jobs.at(5),
                "must not be blank");
    }

    @Test
    void bothTemplateAndColumnIsAProblem() {
        assertProblem(jobs.problems("prompt.template = \"x {{text}}\"\n"), "prompt (",
                "set exactly one of prompt.template and prompt.column; both are set");
    }

    @Test
    void neitherTemplateNorColumnIsAProblem() {
        assertProblem(problemsOf(JobFiles.VALID.replace("prompt.column = text\n", "")),
                "prompt (", "neither is set");
    }

    @Test
    void unclosedPlaceholderInTemplateIsReportedWithItsPosition() {
        assertProblem(jobs.problems("prompt.template = \"Classify {{review\"\n",
                "prompt.column=null"), "prompt.template " + jobs.at(5),
                "template syntax error: unclosed {{ at line 1, column 10", "got \"Classify {{review\"");
    }

    @Test
    void systemInstructionIsCheckedAsATemplateToo() {
        assertProblem(jobs.problems("prompt.system-instruction = \"You rate {{ }}\"\n"),
                "prompt.system-instruction " + jobs.at(5), "empty placeholder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "generativelanguage.googleapis.com",
        "https://", "https://exa mple.com"})
    void baseUrlMustBeAnHttpUrlOrEmulator(String url) {
        assertProblem(jobs.problems("gemini.base-url = \"" + url + "\"\n"),
                "gemini.base-url " + jobs.at(5), "must be an http(s) URL", "got \"" + url + "\"");
    }

    @Test
    void baseUrlWithQueryIsRejected() {
        assertProblem(jobs.problems("gemini.base-url = \"https://h.example/?key=1\"\n"),
                "gemini.base-url " + jobs.at(5), "must not carry user info, a query or a fragment");
    }

    @Test
    void plainHttpToARemoteHostNeedsAllowInsecureHttp() throws Exception {
        assertProblem(jobs.problems("gemini.base-url = \"http://proxy.example.com:8080\"\n"),
                "gemini.base-url " + jobs.at(5), "clear text", "gemini.allow-insecure-http = true");
        Path job = jobs.write(JobFiles.VALID + "gemini.base-url = \"http://proxy.example.com:8080\"\n"
                + "gemini.allow-insecure-http = true\n");
        assertEquals("http://proxy.example.com:8080",
                JobConfig.load(job, null, List.of(), JobFiles.ENV).gemini().baseUrl());
    }

    /** Regression (issue 12): any host starting with "127." passed, then the executor refused it. */
    @Test
    void plainHttpToAHostNameStartingWith127NeedsAllowInsecureHttp() {
        assertProblem(jobs.problems("gemini.base-url = \"http://127.example.com:8080\"\n"),
                "gemini.base-url " + jobs.at(5), "clear text", "gemini.allow-insecure-http = true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000", "http://localhost:9000/", "http://[::1]:9000"})
    void plainHttpToLoopbackIsAllowed(String url) throws Exception {
        Path job = jobs.write(JobFiles.VALID + "gemini.base-url = \"" + url + "\"\n");
        assertEquals(url.replaceAll("/$", ""),
                JobConfig.load(job, null, List.of(), JobFiles.ENV).gemini().baseUrl());
    }

    @Test
    void missingApiKeyNamesTheEnvironmentVariable() {
        Path job = jobs.write(JobFiles.VALID);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(job, null, List.of(), Map.of()));
        assertProblem(e.problems(), "gemini.api-key (reference.conf:", "GEMINI_API_KEY",
                "required unless gemini.base-url = emulator");
    }

    @Test
    void safetySettingItemsAreCheckedKeyByKey() {
        List<String> problems = jobs.problems("model.safety-settings = [\n"
                + "  { category = HARM_CATEGORY_HARASSMENT, threshold = BLOCK_NONE }\n"
                + "  { category = VIOLENCE, threshold = BLOCK_SOME, method = SEVERITY }\n]\n");
        assertProblem(problems, "model.safety-settings[1].category " + jobs.at(7),
                "must be a HARM_CATEGORY_... name; got VIOLENCE");
        assertProblem(problems, "model.safety-settings[1].threshold " + jobs.at(7),
                "BLOCK_ONLY_HIGH", "got BLOCK_SOME");
        assertProblem(problems, "model.safety-settings[1].method " + jobs.at(7), "unknown key");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void responseSchemaNeedsAJsonMimeType() {
        assertProblem(jobs.problems("model.generation.response-schema { type = STRING }\n"),
                "model.generation.response-schema " + jobs.at(5),
                "needs model.generation.response-mime-type = application/json");
    }

    @Test
    void moreThanFiveStopSequencesIsAProblem() {
        assertProblem(jobs.problems("model.generation.stop-sequences = [a, b, c, d, e, f]\n"),
                "model.generation.stop-sequences " + jobs.at(5), "at most 5 non-empty strings");
    }

    @Test
    void extraRequestFieldsMayNotReplaceTheContents() {
        assertProblem(jobs.problems("model.extra-request-fields.contents = []\n"),
                "model.extra-request-fields.contents " + jobs.at(5), "builds contents");
    }

    @Test
    void csvOptionsAreChecked() {
        List<String> problems = jobs.problems("input.csv { quote = \"''\", delimiter = \"\"\n"
                + "  encoding = NOT-A-CHARSET }\n");
        assertProblem(problems, "input.csv.quote " + jobs.at(5), "exactly one character");
        assertProblem(problems, "input.csv.delimiter " + jobs.at(5), "must not be empty");
        assertProblem(problems, "input.csv.encoding " + jobs.at(6), "character set",
                "got \"NOT-A-CHARSET\"");
    }

    @Test
    void columnPrefixMustBeAValidParquetNamePrefix() {
        assertProblem(jobs.problems("output.column-prefix = \"my out \"\n"),
                "output.column-prefix " + jobs.at(5), "must not contain spaces");
    }

    @Test
    void blankColumnNamesAreRejected() {
        List<String> problems = jobs.problems("input.id-column = \" \"\n"
                + "output.partition-by = [\"\"]\n");
        assertProblem(problems, "input.id-column " + jobs.at(5), "must not be blank");
        assertProblem(problems, "output.partition-by " + jobs.at(6), "blank strings");
    }
}
