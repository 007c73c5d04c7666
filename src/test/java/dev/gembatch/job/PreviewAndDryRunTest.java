package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --preview N} sends exactly the first N rows and writes nothing unless asked;
 * {@code --dry-run} checks, counts and estimates with countTokens (on the Gemini API and on
 * Vertex AI), and sends no generation request — both proven by the emulator's statistics.
 */
class PreviewAndDryRunTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int ROWS = 30;
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(java.time.Duration.ZERO).chunkGap(java.time.Duration.ZERO)
            .build());

    @TempDir
    Path tmp;

    @Test
    void previewSendsOnlyTheFirstRowsAndWritesNothing() throws Exception {
        JobFixture.Run run = run("--preview", "3");
        run.expect(0);
        assertEquals(3L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
        for (int i = 1; i <= 3; i++) {
            Assertions.assertTrue(run.out().contains("| " + i + " | row-" + i + " "), run.out());
            Assertions.assertTrue(run.out().contains("Emulated answer to «Question " + i + "?»"), run.out());
        }
        assertFalse(run.out().contains("row-4"), run.out());
        assertFalse(Files.exists(tmp.resolve("out")), "a preview writes nothing");
        int width = PreviewTable.terminalWidth(System.getenv("COLUMNS"));
        Assertions.assertTrue(run.out().lines().filter(l -> l.startsWith("|") || l.startsWith("+"))
                .allMatch(l -> DisplayWidth.of(l) == width), "fits " + width + ":\n" + run.out());
    }

    @Test
    void previewOutputKeepsThePreviewedRows() throws Exception {
        Path kept = tmp.resolve("preview");
        run("--preview", "2", "--preview-output", kept.toString()).expect(0);
        List<Row> rows = spark().read().parquet(kept.toString()).orderBy("id").collectAsList();
        assertEquals(List.of("row-1", "row-2"), rows.stream().map(r -> (String) r.getAs("id"))
                .toList());
        String whole = EmulatorAnswers.textFor(MODEL, "Question 1?");
        String answer = rows.get(0).getAs("answer");
        Assertions.assertTrue(!answer.isEmpty() && whole.startsWith(answer), answer);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @ParameterizedTest
    @EnumSource(JobFixture.Api.class)
    void dryRunSendsNoGenerationRequestAndEstimatesWithCountTokens(JobFixture.Api api) throws Exception {
        JobFixture.Run run = fixture.command(api, job(), "--dry-run").expect(0);
        assertEquals(0L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
        assertEquals(4L, fixture.emulator.stats().totalRequests(),
                "countTokens on the 4 sendable rows of the 5 sampled");
        String out = run.out();
        Assertions.assertTrue(out.contains(ROWS + " rows"), out);
        Assertions.assertTrue(out.contains("requests:  29 (1 rows cannot be sent"), out);
        if (api == JobFixture.Api.VERTEX) {
            Assertions.assertTrue(out.contains("/v1/projects/" + TestServiceAccount.PROJECT + "/locations/"
                    + JobFixture.LOCATION + "/publishers/google/models/" + MODEL + ":streamGenerateContent"), out);
            Assertions.assertTrue(out.contains("Authorization: Bearer ***"), out);
            assertFalse(out.contains("ya29.") || out.contains("x-goog-api-key"), out);
            assertEquals(1, fixture.emulator.stats().tokenRequests(), fixture.emulator.stats()::toJson);
        } else {
            Assertions.assertTrue(out.contains("x-goog-api-key: ***"), out);
        }
        assertFalse(out.contains(fixture.emulator.apiKey()), out);
        Assertions.assertTrue(out.contains("\"text\" : \"Question 1?\""), out);
        Assertions.assertTrue(out.contains("countTokens on 4 sample rows"), out);
        Assertions.assertTrue(out.contains("at most 928 (max-output-tokens)"), "29 × 32:\n" + out);
        Assertions.assertTrue(out.contains("max-requests 10: 19 rows would be SKIPPED"), out);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void dryRunChoosesAContextCacheOnlyWhenItPays() throws Exception {
        String system = "prompt.system-instruction=\"" + "Label the question by topic. ".repeat(300)
                + "\"";
        String brief = run("--dry-run", "--set", system, "--set", "dry-run.expected-run-time=1m")
                .expect(0).out();
        String long_ = run("--dry-run", "--set", system, "--set",
                "dry-run.expected-run-time=1000h").expect(0).out();
        String none = run("--dry-run").expect(0).out();

        Assertions.assertTrue(brief.contains("bill by tier:  standard ~$"), brief);
        Assertions.assertTrue(brief.contains("choice:        at standard: with a context cache"),
                "29 requests read the shared instruction; a minute of storage is cheap:\n" + brief);
        Assertions.assertTrue(long_.contains("choice:        at standard: without a cache"),
                "1000 h of storage costs more than it saves:\n" + long_);
        Assertions.assertTrue(none.contains("at standard: no cache: no part of the request"), none);
    }

    @Test
    void dryRunFallsBackToTheHeuristicWhenCountTokensIsUnreachable() throws Exception {
        JobFixture.Run run = JobFixture.main(job().toString(),
                "--set", "gemini.base-url=\"http://127.0.0.1:1\"", "--set", "gemini.api-key=AIzaUnusedKey-42",
                "--dry-run").expect(0);
        Assertions.assertTrue(run.out().contains("heuristic of 1 token per 4 characters, as countTokens"
                + " failed"), run.out());
    }

    @Test
    void dryRunRefusesAModelTheEndpointDoesNotServe() throws Exception {
        JobFixture.Run run = run("--dry-run", "--set", "model.name=gpt-4o").expect(2);
        Assertions.assertTrue(run.err().contains("model.name: 'gpt-4o' is not a model the endpoint"
                + " serves (404 NOT_FOUND: models/gpt-4o is not found"), run.err());
        assertFalse(run.out().contains("settings:  valid"), run.out());
        assertEquals(0L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
    }

    @Test
    void dryRunSaysOnceThatAModelIsMissingFromThePriceTable() throws Exception {
        JobFixture.Run run = run("--dry-run", "--set", "model.name=gemini-3-flash-preview")
                .expect(0);
        String note = "the price table has no entry for gemini-3-flash-preview: priced at"
                + " pricing.default";
        Assertions.assertTrue(run.out().contains(note), run.out());
        assertEquals(run.out().indexOf(note), run.out().lastIndexOf(note), "said once");
    }

    @Test
    void dryRunRefusesAnOutputThatExists() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        JobFixture.Run run = run("--dry-run", "--set", "output.mode=error-if-exists")
                .expect(2);
        Assertions.assertTrue(run.err().contains("already exists"), run.err());
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    /** Main with the job file, this emulator as endpoint, then {@code args}. */
    private JobFixture.Run run(String... args) throws Exception {
        return fixture.command(job(), args);
    }

    private Path job() throws Exception {
        Path csv = tmp.resolve("questions.csv");
        String lines = IntStream.rangeClosed(1, ROWS)
                .mapToObj(i -> "row-" + i + "," + (i == 4 ? "" : "Question " + i + "?"))
                .collect(Collectors.joining("\n", "id,question\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "questions.conf", String.join("\n",
                "input { path = " + JobFixture.q(csv) + ", id-column = id }",
                "prompt.template = \"{{question}}\"",
                "model { name = \"" + MODEL + "\", generation.max-output-tokens = 32 }",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "budget.max-requests = 10",
                "dry-run { sample-rows = 5, show-requests = 1 }",
                "spark { master = \"local[2]\", partitions = 2 }"));
    }
}
