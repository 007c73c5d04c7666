package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import org.junit.jupiter.api.Assertions;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sample jobs, end to end on local[2] against the emulator, checked row by row. */
class SampleJobsTest extends SparkTestBase {
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(4).build());

    @TempDir
    Path tmp;

    @Test
    void csvSampleComesOutWholeWithExactAnswersAndEachRequestSentOnce() {
        Path out = tmp.resolve("reviews");
        fixture.run(Path.of("jobs/samples/reviews-sentiment.conf"),
                "output.path=" + JobFixture.q(out)).expect(0);

        Dataset<Row> input = spark().read().option("header", true).option("multiLine", true)
                .option("escape", "\"").csv("data-samples/reviews.csv");
        Dataset<Row> output = spark().read().parquet(out.toString());
        assertEquals(12, output.count());
        assertDataFrameNoOrderEquals(input,
                output.select("review_id", "product", "review_text", "stars"));

        for (Row row : output.collectAsList()) {
            String text = row.getAs("review_text");
            if (text == null || text.isBlank()) {
                assertEquals("SKIPPED", row.getAs("status"));
                assertEquals("INVALID_INPUT", row.getAs("error_status"));
                assertNull(row.getAs("answer"));
                continue;
            }
            String prompt = "Review: " + text;
            assertEquals("OK", row.getAs("status"), () -> row.toString());
            assertEquals("STOP", row.getAs("finish_reason"));
            assertEquals(EmulatorAnswers.textFor("gemini-2.5-flash", prompt),
                    row.getAs("answer"));
            assertEquals(1, (int) row.getAs("attempts"));
            Assertions.assertTrue((int) row.getAs("output_tokens") > 0);
        }
        EmulatorStats stats = fixture.emulator.stats();
        assertEquals(10, stats.totalRequests(), stats::toJson);
        assertEquals(0, stats.paidTwice(), stats::toJson);
        assertEquals(Map.of(1, 10L), stats.requestsByAttempt(), stats::toJson);
    }

    @Test
    void parquetSampleKeepsTypedAndNestedColumnsAndThoughts() {
        Path out = tmp.resolve("docs");
        fixture.run(Path.of("jobs/samples/document-summaries.conf"),
                "output.path=" + JobFixture.q(out)).expect(0);

        Dataset<Row> input = spark().read().parquet("data-samples/documents.parquet");
        Dataset<Row> output = spark().read().parquet(out.toString());
        for (org.apache.spark.sql.types.StructField f : input.schema().fields()) {
            assertEquals(f.dataType(), output.schema().apply(f.name()).dataType(), f.name());
        }
        assertDataFrameNoOrderEquals(input, output.select(input.columns()[0],
                Arrays.copyOfRange(input.columns(), 1, input.columns().length)));

        List<Row> rows = output.collectAsList();
        assertEquals(6, rows.size());
        for (Row row : rows) {
            long id = row.getAs("doc_id");
            if (id == 6) {
                assertEquals("SKIPPED", row.getAs("status"));
                continue;
            }
            assertEquals("OK", row.getAs("status"), row::toString);
            assertFalse(((String) row.getAs("thoughts")).isEmpty(), row::toString);
            Assertions.assertTrue((int) row.getAs("thoughts_tokens") > 0, row::toString);
        }
        assertEquals(0, fixture.emulator.stats().paidTwice());
        assertEquals(5, fixture.emulator.stats().totalRequests());
    }

    @Test
    void spreadsheetSampleFillsBothAnswerColumnsInDependencyOrder() {
        Path out = tmp.resolve("sheet");
        fixture.run(Path.of("jobs/samples/reviews-spreadsheet.conf"),
                "output.path=" + JobFixture.q(out)).expect(0);
        List<Row> rows = spark().read().parquet(out.toString()).collectAsList();
        assertEquals(12, rows.size());
        for (Row row : rows) {
            String text = row.getAs("review_text");
            if (text == null || text.isBlank()) {
                assertEquals("INVALID_INPUT", row.getAs("summary_error_status"));
                assertEquals("UPSTREAM_NOT_OK", row.getAs("headline_error_status"));
                continue;
            }
            String summary = EmulatorAnswers.textFor("gemini-2.5-flash",
                    "Summarize this review in one sentence: " + text);
            assertEquals(summary, row.getAs("summary_answer"), row::toString);
            assertEquals(EmulatorAnswers.textFor("gemini-2.5-flash-lite",
                    "Write a five-word headline for: " + summary), row.getAs("headline_answer"));
        }
        assertEquals(20, fixture.emulator.stats().totalRequests());
        assertEquals(0, fixture.emulator.stats().paidTwice());
    }
}
