package dev.gembatch.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.AnswerStruct;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RowRequest;
import dev.gembatch.transport.TokenCounter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code jobs/run --dry-run}: checks the settings, the input and the output target, counts the
 * rows and renders every prompt (nothing sent), prints the first rendered requests (key shown as
 * ***), counts prompt tokens of a sample with countTokens (or the chars/4 heuristic when that
 * fails) and prints the token and cost estimate. Sends no generation request.
 */
final class DryRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRun() {
    }

    static void run(SparkSession spark, JobSettings job, GeminiSettings gemini, PrintStream out)
            throws InvalidInputException {
        Dataset<Row> input = JobRunner.readChecked(spark, job);
        String prefix = job.output().columnPrefix();
        List<String> problems = new OutputTarget(job.output()).check(spark, AnswerStruct.of(
                job.model().generation()).appendTo(ResultSchema.appendTo(input.schema(), prefix),
                prefix));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RowPlan plan = JobRunner.plan(input.schema(), job, gemini);
        PromptCensus.Totals totals = input.javaRDD().mapPartitions(new PromptCensus(plan))
                .fold(new PromptCensus.Totals(0, 0, 0), PromptCensus.Totals::plus);
        List<Row> sample = input.takeAsList(job.dryRun().sampleRows());
        out.println("gembatch dry run: no generation request is sent");
        out.printf("  settings:  valid%n  input:     %s, %d rows, columns checked%n",
                job.input().path(), totals.rows());
        out.printf("  output:    %s (%s), target checked%n", job.output().path(),
                job.output().mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        out.printf("  requests:  %d (%d rows cannot be sent and would be SKIPPED)%n",
                totals.requests(), totals.rows() - totals.requests());
        try (TokenCounter counter = TokenCounter.create(gemini)) {
            printRequests(plan, sample, counter, job.dryRun().showRequests(), out);
            TokenSample tokens = TokenSample.measure(plan, sample, counter);
            out.print(new Estimate(job, totals, tokens).toText());
        }
    }

    private static void printRequests(RowPlan plan, List<Row> sample, TokenCounter counter,
                                      int show, PrintStream out) {
        int shown = 0;
        for (int i = 0; i < sample.size() && shown < show; i++) {
            RowRequest request = plan.request(sample.get(i));
            if (!request.sendable()) {
                continue;
            }
            byte[] body = request.body();
            out.printf("%nRequest %d (input row %d):%n", ++shown, i + 1);
            counter.describeGeneration(plan.model()).forEach(line -> out.println("  " + line));
            out.println();
            out.println(pretty(body).indent(2).stripTrailing());
        }
        out.println();
    }

    private static String pretty(byte[] body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("a request body gembatch built is not JSON", e);
        }
    }
}
