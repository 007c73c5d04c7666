package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyAndTypeValidationTest {
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void misspelledKeyNamesTheNearestValidKey() {
        List<String> problems = jobs.problems("gemini.concurency = 8\n");
        assertProblem(problems, "gemini.concurency " + jobs.at(5),
                "unknown key; did you mean gemini.concurrency?");
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void camelCaseKeyFindsItsKebabCaseName() {
        assertProblem(jobs.problems("model.generation.maxOutputTokens = 8\n"),
                "model.generation.maxOutputTokens " + jobs.at(5),
                "did you mean model.generation.max-output-tokens?");
    }

    @Test
    void keyAtTheWrongLevelSuggestsItsFullPath() {
        assertProblem(jobs.problems("temperature = 0.5\n"), "temperature " + jobs.at(5),
                "did you mean model.generation.temperature?");
    }

    @Test
    void misspelledSectionIsReportedOnceNotPerKey() {
        List<String> problems = jobs.problems("gemni {\n  auth = header\n  concurrency = 2\n}\n");
        assertProblem(problems, "gemni " + jobs.at(5), "did you mean gemini?");
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void keyFarFromAnyValidKeyPointsToTheReference() {
        assertProblem(jobs.problems("zzzzzzzzzzzz = 1\n"), "zzzzzzzzzzzz " + jobs.at(5),
                "unknown key (see docs/CONFIG.md");
    }

    @Test
    void misspelledOverrideIsReportedWithItsSetOrigin() {
        assertProblem(jobs.problems("", "gemini.retry.max-atempts=2"),
                "gemini.retry.max-atempts (--set gemini.retry.max-atempts)",
                "did you mean gemini.retry.max-attempts?");
    }

    @Test
    void freeFormObjectsAcceptAnyKey() throws Exception {
        Path job = jobs.write(JobFiles.VALID + "spark.conf { spark.anything.at.all = 1 }\n"
                + "model.extra-request-fields { toolConfig { functionCallingConfig { mode = ANY } } }\n"
                + "model.generation { response-mime-type = application/json\n"
                + "  response-schema { type = ARRAY, items { type = STRING }, minItems = 1 } }\n");
        JobSettings settings = JobConfig.load(job, null, List.of(), JobFiles.ENV);
        assertEquals("1", settings.spark().conf().get("spark.anything.at.all"));
        assertEquals("{\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\"}}}",
                settings.model().extraRequestFieldsJson());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "gemini.concurrency | many | must be an integer | \"many\"",
        "model.generation.candidate-count | 1.5 | must be an integer | 1.5",
        "gemini.adaptive-concurrency | maybe | must be a boolean | \"maybe\"",
        "gemini.timeouts.idle | soon | must be a duration | \"soon\"",
        "model.generation.temperature | warm | must be a number | \"warm\"",
        "output.partition-by | label | must be a list of strings | \"label\"",
        "input.path | [a, b] | must be a string | [\"a\",\"b\"]",
        "model.safety-settings | none | must be a list of {category, threshold} | \"none\"",
        "spark.conf | 4 | must be an object of Spark properties | 4",
    })
    void wrongTypeNamesTheExpectedTypeAndTheValueGiven(String key, String value, String rule,
                                                       String echoed) {
        assertProblem(jobs.problems(key + " = " + value + "\n"), key + " " + jobs.at(5), rule,
                "got " + echoed);
    }

    @Test
    void valueWhereAnObjectBelongsIsOneProblem() {
        List<String> problems = jobs.problems("gemini.timeouts = 5s\n");
        assertProblem(problems, "gemini.timeouts " + jobs.at(5), "must be an object", "got \"5s\"");
        assertEquals(1, problems.size(), problems.toString());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "gemini.concurrency | 0 | must be >= 1",
        "gemini.min-concurrency | 0 | must be >= 1",
        "gemini.min-concurrency | 33 | must be <= gemini.concurrency (32)",
        "model.generation.temperature | 2.5 | must be between 0.0 and 2.0",
        "model.generation.temperature | -0.1 | must be between 0.0 and 2.0",
        "model.generation.top-p | 1.01 | must be between 0.0 and 1.0",
        "model.generation.top-k | 0 | must be >= 1",
        "model.generation.candidate-count | 9 | must be between 1 and 8",
        "model.generation.candidate-count | 0 | must be between 1 and 8",
        "model.generation.max-output-tokens | 0 | must be >= 1",
        "model.generation.presence-penalty | 2.5 | must be between -2.0 and 2.0",
        "model.generation.frequency-penalty | -3 | must be between -2.0 and 2.0",
        "model.generation.thinking.budget | -2 | must be >= -1",
        "gemini.retry.max-attempts | 0 | must be >= 1",
        "gemini.retry.initial-backoff | 0s | must be > 0s",
        "gemini.retry.max-backoff | 500ms | must be >= gemini.retry.initial-backoff (1s)",
        "gemini.timeouts.connect | 0s | must be > 0s",
        "gemini.timeouts.first-byte | -1s | must be > 0s",
        "gemini.timeouts.idle | 0ms | must be > 0s",
        "gemini.timeouts.row | 5m | must be >= gemini.timeouts.attempt (10m)",
        "gemini.emulator.chaos-fraction | 1.5 | must be between 0.0 and 1.0",
        "gemini.emulator.chunks | 0 | must be >= 1",
        "gemini.emulator.requests-per-minute | -1 | must be >= 0",
        "gemini.emulator.max-concurrent-streams | -1 | must be >= 0",
        "gemini.emulator.chunk-gap | -5ms | must be >= 0s",
        "spark.partitions | -1 | must be >= 0",
    })
    void outOfRangeValueNamesTheRangeAndTheValue(String key, String value, String rule) {
        String problem = assertProblem(jobs.problems(key + " = " + value + "\n"),
                key + " " + jobs.at(5), rule);
        assertTrue(problem.endsWith("; got " + value) || problem.endsWith("; got \"" + value + "\""),
                problem);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "input.format | xml | must be one of auto, csv, parquet, json",
        "output.mode | replace | must be one of error-if-exists, overwrite, append",
        "gemini.auth | bearer | must be one of header, query",
        "gemini.wire-format | ndjson | must be one of sse, json-array",
        "gemini.http-version | http2 | must be one of auto, h2, http1",
        "model.generation.thinking.level | extreme | must be one of minimal, low, medium, high",
    })
    void unknownEnumValueListsTheAllowedValues(String key, String value, String rule) {
        assertProblem(jobs.problems(key + " = " + value + "\n"), key + " " + jobs.at(5), rule,
                "got \"" + value + "\"");
    }

    @Test
    void enumValuesAreCaseInsensitive() throws Exception {
        Path job = jobs.write(JobFiles.VALID + "gemini.wire-format = JSON-Array\noutput.mode = Append\n");
        JobSettings s = JobConfig.load(job, null, List.of(), JobFiles.ENV);
        assertEquals(GeminiSettings.WireFormat.JSON_ARRAY, s.gemini().wireFormat());
        assertEquals(OutputMode.APPEND, s.output().mode());
    }
}
