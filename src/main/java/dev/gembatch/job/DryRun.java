package dev.gembatch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.BudgetSettings;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.OutputMode;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.output.StructColumns;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RowRequest;
import dev.gembatch.reuse.JournaledRun;
import dev.gembatch.reuse.StoreSplit;
import dev.gembatch.store.AnswerStore;
import dev.gembatch.transport.TokenCounter;
import dev.gembatch.transport.UnknownModelException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
        OutputTarget target = JobRunner.checkedTarget(spark, job);
        Dataset<Row> read = JobRunner.withTargetProblems(spark, target,
                () -> JobRunner.readChecked(spark, job));
        List<String> problems = target.check(spark,
                StructColumns.appendTo(AnswerChain.outputSchema(read.schema(), job), job));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Dataset<Row> input = target.unanswered(read, job.input().idColumn());
        AnswerStore store = JobRunner.openStore(spark, job, gemini);
        try (TokenCounter counter = TokenCounter.create(gemini)) {
            List<Census> censuses = censuses(spark, job, input, gemini, counter, store);
            out.println("gembatch dry run: no generation request is sent");
            out.printf("  settings:  valid%n  input:     %s, %d rows, columns checked%n",
                    job.input().path(), censuses.get(0).totals().rows()
                            + censuses.get(0).fromStore());
            out.printf("  output:    %s (%s), target checked%s%n", target,
                    job.output().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    job.output().mode() == OutputMode.APPEND_NEW ? "; rows and requests below"
                            + " count only rows whose " + job.input().idColumn() + " the table"
                            + " does not hold yet" : "");
            if (store != null) {
                out.printf("  store:     %s, checked (rows whose answer it holds are not sent"
                        + " and not counted below)%n", job.store().path());
                store.notes().forEach(n -> out.println("  " + n));
            }
            BudgetSettings share = AnswerChain.share(job.budget(), job.answers().size());
            for (Census c : censuses) {
                estimate(job, c, share, counter, out);
            }
        }
    }

    /**
     * Every answer column's census and token sample, before anything is printed: a model the
     * endpoint says does not exist (countTokens answered 404 NOT_FOUND) is a problem of the job.
     * With a {@code store} (null: none), the rows whose answer it holds are left out of the
     * census of a column that reads no other answer (the request of one that does holds answers
     * known only once they are sent).
     */
    private static List<Census> censuses(SparkSession spark, JobSettings job, Dataset<Row> input,
                                         GeminiSettings gemini, TokenCounter counter,
                                         AnswerStore store) throws InvalidInputException {
        List<Census> censuses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Dataset<Row> rows = input;
        for (AnswerColumn a : job.answers()) {
            RowPlan plan = AnswerChain.plan(spark.sparkContext().hadoopConfiguration(),
                    rows.schema(), job, a, gemini);
            StoreSplit stored = store != null && a.reads().isEmpty()
                    ? JournaledRun.storeSplit(rows, plan, store) : new StoreSplit(rows, 0);
            try {
                Census c = Census.of(job, a, stored, plan, counter);
                censuses.add(c);
                if (c.cache().problem() != null) {
                    problems.add(c.cache().problem());
                }
            } catch (UnknownModelException e) {
                problems.add(a.keyPrefix() + "model.name: '" + a.model().name()
                        + "' is not a model the endpoint serves (" + e.getMessage() + ")");
            }
            if (job.answers().stream().anyMatch(later -> later.reads(a))) {
                rows = PlaceholderAnswer.append(rows, a, plan);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return censuses;
    }

    /**
     * One answer column's plan and counts, over rows where each answer it reads is a
     * {@link PlaceholderAnswer} (OK only for the rows that answer would be sent for).
     */
    private record Census(AnswerColumn answer, RowPlan plan, PromptCensus.Totals totals,
                          long fromStore, List<Row> sample, TokenSample tokens,
                          long sharedTokens, CacheDecision cache) {
        static Census of(JobSettings job, AnswerColumn a, StoreSplit stored, RowPlan plan,
                         TokenCounter counter) throws UnknownModelException {
            Dataset<Row> rows = stored.unheld();
            List<Row> sample = rows.takeAsList(job.dryRun().sampleRows());
            PromptCensus.Totals totals = rows.javaRDD().mapPartitions(new PromptCensus(plan))
                    .fold(new PromptCensus.Totals(0, 0, 0), PromptCensus.Totals::plus);
            long shared = SharedPart.tokens(plan, a, counter);
            return new Census(a, plan, totals, stored.heldRows(), sample,
                    TokenSample.measure(plan, sample, counter), shared, CacheDecision.of(
                            a.keyPrefix(), a.model().contextCache(), a.model().name(), shared,
                            totals.requests(), a.model().serviceTier(),
                            job.pricing().forModel(a.model().name()),
                            job.dryRun().expectedRunTime()));
        }
    }

    /** Shows and estimates the requests of one answer column. */
    private static void estimate(JobSettings job, Census c, BudgetSettings budget,
                                 TokenCounter counter, PrintStream out) {
        AnswerColumn a = c.answer();
        PromptCensus.Totals totals = c.totals();
        long skipped = totals.rows() - totals.requests();
        if (a.name() != null) {
            out.printf("%nanswer column %s%s%n", a.name(), a.reads().isEmpty() ? ""
                    : " (reads " + String.join(", ", a.reads()) + "; shown as " + a.reads()
                            .stream().map(PlaceholderAnswer::text)
                            .collect(Collectors.joining(", ")) + ")");
        }
        if (a.reads().isEmpty()) {
            out.printf("  requests:  %d (%d rows cannot be sent and would be SKIPPED)%n",
                    totals.requests(), skipped);
        } else {
            out.printf("  requests:  at most %d (%d rows cannot be sent and would be SKIPPED;"
                    + " the others are sent only where %s %s OK)%n", totals.requests(), skipped,
                    String.join(" and ", a.reads()), a.reads().size() == 1 ? "is" : "are");
        }
        if (c.fromStore() > 0) {
            out.printf("  from store: %d rows (their answers were paid in an earlier run: not"
                    + " sent, not billed below)%n", c.fromStore());
        }
        printRequests(c.plan(), c.sample(), counter, job.dryRun().showRequests(), out);
        out.print(new Estimate(job, a.model(), budget, totals, c.tokens(), c.sharedTokens(),
                c.cache()).toText());
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

    /** The body indented, each inline data string replaced by its size (no megabytes shown). */
    static String pretty(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            for (JsonNode part : tree.path("contents").path(0).path("parts")) {
                JsonNode inline = part.path("inlineData");
                if (inline instanceof ObjectNode data && data.path("data").isTextual()) {
                    data.put("data", "<" + decodedLength(data.path("data").textValue())
                            + " bytes base64, elided>");
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException("a request body gembatch built is not JSON", e);
        }
    }

    private static long decodedLength(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return base64.length() / 4L * 3 - padding;
    }
}
