package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets across two partitions: once the run's share of requests or tokens is spent, the rest
 * of the rows are written SKIPPED with BUDGET_EXHAUSTED and never reach the emulator.
 */
class BudgetJobTest extends SparkTestBase {
    private static final int ROWS = 40;
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;

    @Test
    void maxRequestsSendsExactlyThatManyAndSkipsTheRest() throws Exception {
        List<Row> rows = run("budget.max-requests=7");
        assertEquals(7L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
        assertEquals(ROWS - 7, exhausted(rows).size());
        exhausted(rows).forEach(r -> {
            assertEquals("SKIPPED", r.getAs("status"));
            Assertions.assertNull(r.getAs("request_id"));
            Assertions.assertTrue(((String) r.getAs("error_message"))
                    .startsWith("budget.max-requests reached"), r::toString);
        });
    }

    @Test
    void maxTotalTokensStopsWithinOneRequestPerTaskOfTheLimit() throws Exception {
        long limit = 600;
        List<Row> rows = run("budget.max-total-tokens=" + limit, "gemini.concurrency=1");
        List<Row> sent = rows.stream().filter(r -> r.getAs("request_id") != null).toList();
        long used = sent.stream().mapToLong(r -> (int) r.getAs("total_tokens")).sum();
        long largest = sent.stream().mapToLong(r -> (int) r.getAs("total_tokens")).max()
                .orElseThrow();
        assertEquals(sent.size(), fixture.generationRequests());
        Assertions.assertFalse(exhausted(rows).isEmpty(), "the limit is below the rows' tokens");
        Assertions.assertTrue(used >= limit && used <= limit + 2 * largest,
                () -> "used " + used + " of " + limit + ", largest row " + largest);
    }

    @Test
    void withoutABudgetEveryRowIsSent() throws Exception {
        List<Row> rows = run();
        assertEquals(ROWS, fixture.generationRequests());
        assertEquals(0, exhausted(rows).size());
    }

    private static List<Row> exhausted(List<Row> rows) {
        return rows.stream().filter(r -> "BUDGET_EXHAUSTED".equals(r.getAs("error_status")))
                .toList();
    }

    private List<Row> run(String... sets) throws Exception {
        Path csv = tmp.resolve("q.csv");
        Files.writeString(csv, IntStream.rangeClosed(1, ROWS)
                .mapToObj(i -> "q" + i + ",Tell me something about the number " + i)
                .collect(Collectors.joining("\n", "id,question\n", "\n")), StandardCharsets.UTF_8);
        Path job = JobFixture.jobFile(tmp, "budget.conf", String.join("\n",
                "input { path = " + JobFixture.q(csv) + ", id-column = id }",
                "prompt.template = \"{{question}}\"",
                "model.name = gemini-2.5-flash",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "spark { master = \"local[2]\", partitions = 2 }"));
        fixture.run(job, sets).expect(0);
        List<Row> rows = spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
        assertEquals(ROWS, rows.size());
        return rows;
    }
}
