package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.output.ResultSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spreadsheet jobs: several answer columns, a later prompt reading an earlier answer, run in
 * dependency order, each with its own model and prefixed result columns; a row whose earlier
 * answer is not OK is not sent for the later one.
 */
class SpreadsheetJobTest extends SparkTestBase {
    private static final String FLASH = "gemini-2.5-flash";
    private static final String LITE = "gemini-2.5-flash-lite";
    private static final Map<String, String> REVIEWS = Map.of(
            "r1", "Battery lasts two days, very happy.",
            "r2", "Screen cracked in a week.",
            "r3", "Fine value [[gembatch:blocked]]",
            "r4", "Arrived late but works.");
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "pipeline.dedupe = {0}")
    @ValueSource(booleans = {true, false})
    void laterAnswerReadsTheEarlierOneInTheSameRow(boolean dedupe) throws Exception {
        String report = fixture.run(job(""), "pipeline.dedupe=" + dedupe).expect(0).out();
        Assertions.assertTrue(report.contains("4 rows (8 answers in 2 answer columns) written"), "\n" + report);
        Assertions.assertTrue(report.contains("| resumed: 0 |"),
                "the earlier answer column is evaluated once\n" + report);
        Dataset<Row> out = spark().read().parquet(tmp.resolve("out").toString());
        List<String> columns = Arrays.asList(out.columns());
        assertEquals(2 + 2 * ResultSchema.width(), columns.size());
        assertEquals(ResultSchema.columnNames("summary_"), columns.subList(2, 2 + ResultSchema.width()),
                "summary runs first although headline sorts before it");
        assertEquals(ResultSchema.columnNames("headline_"), columns.subList(2 + ResultSchema.width(),
                columns.size()));
        Map<String, Row> rows = out.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), Function.identity()));
        for (String id : List.of("r1", "r2", "r4")) {
            Row r = rows.get(id);
            String summary = EmulatorAnswers.textFor(FLASH, "Summarize: " + REVIEWS.get(id));
            assertEquals(summary, r.getAs("summary_answer"), id);
            assertEquals("OK", r.getAs("headline_status"), id);
            assertEquals(EmulatorAnswers.textFor(LITE, "Headline for: " + summary),
                    r.getAs("headline_answer"), id);
        }
        Row blocked = rows.get("r3");
        assertEquals("BLOCKED", blocked.getAs("summary_status"));
        assertEquals("SKIPPED", blocked.getAs("headline_status"));
        assertEquals("UPSTREAM_NOT_OK", blocked.getAs("headline_error_status"));
        Assertions.assertTrue(((String) blocked.getAs("headline_error_message"))
                .startsWith("the answer summary is BLOCKED"), blocked::toString);
        assertEquals(4 + 3, fixture.generationRequests(), fixture.emulator.stats()::toJson);
    }

    @Test
    void retryFailedReusesEveryAnswerColumnOfACompleteOutput() throws Exception {
        fixture.run(job("")).expect(0);
        List<Row> first = spark().read().parquet(tmp.resolve("out").toString())
                .orderBy("id").collectAsList();
        fixture.emulator.resetStats();
        String out = fixture.run(job(""), "output.mode = retry-failed").expect(0).out();
        assertEquals(0, fixture.generationRequests(),
                "no answer FAILED, so nothing is sent again\n" + out);
        List<Row> second = spark().read().parquet(tmp.resolve("out").toString())
                .orderBy("id").collectAsList();
        for (int i = 0; i < first.size(); i++) {
            for (String c : List.of("summary_answer", "headline_answer", "headline_status",
                    "headline_error_status", "summary_request_id", "headline_request_id")) {
                assertEquals((Object) first.get(i).getAs(c), second.get(i).getAs(c), c);
            }
        }
    }

    @Test
    void dryRunEstimatesEachAnswerColumnAndSendsNothing() throws Exception {
        String out = fixture.command(job(""), "--dry-run").expect(0).out();
        Assertions.assertTrue(out.contains("answer column summary"), out);
        Assertions.assertTrue(out.contains("answer column headline (reads summary"), out);
        Assertions.assertTrue(out.contains("Headline for: [answer of summary]"), out);
        Assertions.assertTrue(out.contains("Estimate for " + LITE), out);
        assertEquals(0, fixture.generationRequests());
    }

    /**
     * The sample's two blank reviews render no summary prompt, so their headline is
     * UPSTREAM_NOT_OK: the dry run counts them out of the headline's requests too (it counted
     * 12 of 12, and printed the literal "[answer of NAME]").
     */
    @Test
    void dryRunDoesNotCountRowsWhoseEarlierAnswerCannotBeSent() {
        String out = fixture.command(Path.of("jobs/samples/reviews-spreadsheet.conf"),
                "--dry-run", "--set", "output.path=" + JobFixture.q(tmp.resolve("sheet")))
                .expect(0).out();
        Assertions.assertTrue(out.contains("answer column headline (reads summary; shown as"
                + " [answer of summary])"), out);
        Assertions.assertTrue(out.contains("  requests:  at most 10 (2 rows cannot be sent and"
                + " would be SKIPPED; the others are sent only where summary is OK)"), out);
        Assertions.assertFalse(out.contains("NAME"), out);
        assertEquals(0, fixture.generationRequests());
    }

    @Test
    void previewShowsEveryAnswerColumn() throws Exception {
        String out = fixture.command(job(""), "--preview", "2").expect(0).out();
        Assertions.assertTrue(out.contains("answer column summary"), out);
        Assertions.assertTrue(out.contains("answer column headline"), out);
        assertEquals(4, fixture.generationRequests(), fixture.emulator.stats()::toJson);
    }

    @Test
    void aCycleIsAConfigErrorNamingIt() throws Exception {
        JobFixture.Run run = fixture.run(job("answers.summary.prompt.template = "
                + "\"Summarize {{headline}}\"")).expect(2);
        Assertions.assertTrue(run.err().contains("answers: headline → summary → headline read"
                + " each other in a cycle"), run.err());
        assertEquals(0, fixture.generationRequests());
    }

    @Test
    void anUnknownReferenceIsAnErrorBeforeAnythingIsSent() throws Exception {
        JobFixture.Run run = fixture.run(job("answers.headline.prompt.template = "
                + "\"Headline for: {{summry}}\"")).expect(2);
        Assertions.assertTrue(run.err().contains("answers.headline.prompt.template ("
                + tmp.resolve("sheet.conf") + ":"), run.err());
        Assertions.assertTrue(run.err().contains("): column 'summry' is not in the input"),
                run.err());
        assertEquals(0, fixture.generationRequests());
    }

    @Test
    void aTopLevelTemplateBesideAnswersIsAnError() throws Exception {
        JobFixture.Run run = fixture.run(job("prompt.template = \"{{review}}\"")).expect(2);
        Assertions.assertTrue(run.err().contains("prompt.template"), run.err());
        Assertions.assertTrue(run.err().contains("each answer has its own prompt"), run.err());
    }

    @Test
    void anAnswerNamedLikeAnInputColumnIsAnError() throws Exception {
        JobFixture.Run run = fixture.run(job("answers.review.prompt.template = \"x {{id}}\""))
                .expect(2);
        Assertions.assertTrue(run.err().contains("answers.review: an input column has this name"),
                run.err());
    }

    @Test
    void unknownKeysInAnAnswerAreNamedWithTheirPath() throws Exception {
        JobFixture.Run run = fixture.run(job("answers.summary.model.generation.temprature = 0"))
                .expect(2);
        Assertions.assertTrue(run.err().contains("answers.summary.model.generation.temprature"),
                run.err());
        Assertions.assertTrue(run.err().contains("did you mean model.generation.temperature"),
                run.err());
    }

    private Path job(String extra) throws Exception {
        Path csv = tmp.resolve("reviews.csv");
        Files.writeString(csv, REVIEWS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ",\"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n", "id,review\n", "\n")), StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "sheet.conf", String.join("\n",
                "input { path = " + JobFixture.q(csv) + ", id-column = id }",
                "model.name = " + FLASH,
                "answers {",
                "  headline { prompt.template = \"Headline for: {{summary}}\", model.name = " + LITE
                        + " }",
                "  summary { prompt.template = \"Summarize: {{review}}\" }",
                "}",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "spark { master = \"local[2]\", partitions = 2 }",
                extra));
    }
}
