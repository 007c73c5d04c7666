package dev.gembatch.job;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.BudgetSettings;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.PromptSettings;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.input.MediaParts;
import dev.gembatch.output.AnswerStruct;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RunBudget;
import dev.gembatch.prompt.RequestBodies;
import dev.gembatch.prompt.Template;
import dev.gembatch.report.RunCounters;
import dev.gembatch.store.AnswerStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The answer columns of a job as a chain of answering steps over one Dataset: each step appends
 * its answer's result columns to the rows, and a later step's prompt reads the earlier answers
 * in the same row. The whole chain is evaluated by the single write action.
 */
final class AnswerChain {
    /** One step: rows ({@code R}: a Dataset, or a list in hand) answered into {@code out}'s. */
    interface Step<R> {
        R answer(R rows, AnswerColumn answer, RowPlan plan, StructType out);
    }

    private AnswerChain() {
    }

    /** The input schema followed by each answer's result columns, in run order. */
    static StructType outputSchema(StructType input, JobSettings job) {
        StructType schema = input;
        for (AnswerColumn a : job.answers()) {
            schema = appendResult(schema, job, a);
        }
        return schema;
    }

    /**
     * {@code schema} followed by one answer's result columns, and its answer store columns
     * when the job has a store.
     */
    private static StructType appendResult(StructType schema, JobSettings job, AnswerColumn a) {
        StructType out = ResultSchema.appendTo(schema, a.prefix());
        return job.store().enabled() ? AnswerStore.appendColumns(out, a.prefix()) : out;
    }

    /** Every result column name the job adds. */
    static List<String> resultColumns(JobSettings job) {
        return job.answers().stream().flatMap(a -> Stream.concat(
                ResultSchema.columnNames(a.prefix()).stream(), job.store().enabled()
                        ? AnswerStore.columnNames(a.prefix()).stream() : Stream.empty()))
                .toList();
    }

    /**
     * Answers {@code rows} column by column. Each column's budget share is split over the
     * partitions of {@code rows} (counted once, nothing sent), priced with its own model; its
     * context cache, if any, made by {@code caches} (null: none).
     */
    static Dataset<Row> answer(SparkSession spark, Dataset<Row> rows, JobSettings job,
                               GeminiSettings gemini, CacheSetup caches, Step<Dataset<Row>> step)
            throws InvalidInputException {
        RunBudget shares = RunBudget.plan(rows, share(job.budget(), job.answers().size()),
                job.pricing().forModel(job.model().name()));
        return chain(rows, rows.schema(), spark.sparkContext().hadoopConfiguration(), job, gemini,
                shares, caches, step);
    }

    /**
     * Answers {@code rows} column by column in this JVM, without Spark (a preview), through the
     * executors' own answering ({@link PartitionAnswerer}); the budget is the job's, as for one
     * partition. The rows come out in the order their answers completed.
     */
    static List<Row> answerHere(List<Row> rows, StructType schema, JobSettings job,
                                GeminiSettings gemini, Configuration conf, RunCounters counters)
            throws InvalidInputException {
        RunBudget shares = RunBudget.forRows(rows.size(),
                share(job.budget(), job.answers().size()),
                job.pricing().forModel(job.model().name()));
        return chain(rows, schema, conf, job, gemini, shares, null, (in, a, plan, out) -> {
            List<Row> answered = new ArrayList<>(in.size());
            new PartitionAnswerer(plan, counters).call(in.iterator())
                    .forEachRemaining(answered::add);
            return answered;
        });
    }

    private static <R> R chain(R rows, StructType schema, Configuration conf, JobSettings job,
                               GeminiSettings gemini, RunBudget shares, CacheSetup caches,
                               Step<R> step) throws InvalidInputException {
        R answered = rows;
        for (AnswerColumn a : job.answers()) {
            StructType next = appendResult(schema, job, a);
            RowPlan plan = plan(conf, schema, job, a, gemini).withBudget(
                    shares.withPrice(job.pricing().forModel(a.model().name())));
            plan = caches == null ? plan : caches.apply(a, plan);
            answered = step.answer(answered, a, plan, next);
            schema = next;
        }
        return answered;
    }

    /** The plan of one answer column for rows of {@code schema}. */
    static RowPlan plan(Configuration conf, StructType schema, JobSettings job, AnswerColumn a,
                        GeminiSettings gemini) throws InvalidInputException {
        PromptSettings p = a.prompt();
        List<AnswerColumn> reads = job.answers().stream()
                .filter(a::reads).toList();
        return RowPlan.of(schema,
                p.template() == null ? null : Template.parse(p.template()),
                p.column(),
                p.systemInstruction() == null ? null : Template.parse(p.systemInstruction()),
                new RequestBodies(a.model()), a.model().name(), gemini).withUpstream(reads)
                .withMedia(media(conf, job, a))
                .withStruct(AnswerStruct.of(a.model().generation()));
    }

    private static MediaParts media(Configuration conf, JobSettings job, AnswerColumn a)
            throws InvalidInputException {
        try {
            return MediaParts.of(a.prompt(), job.input().path(), conf);
        } catch (IOException e) {
            throw new InvalidInputException(List.of("input.path: '" + job.input().path()
                    + "' cannot be resolved to a directory for relative file paths: "
                    + e.getMessage()));
        }
    }

    /**
     * Each answer column's share of the run's budget: an even split, so the columns together
     * never pass it (a request limit smaller than the number of columns gives each one request).
     */
    static BudgetSettings share(BudgetSettings budget, int answers) {
        if (answers == 1 || !budget.limited()) {
            return budget;
        }
        long requests = budget.maxRequests() == 0 ? 0
                : Math.max(1, budget.maxRequests() / answers);
        long tokens = budget.maxTotalTokens() == 0 ? 0
                : Math.max(1, budget.maxTotalTokens() / answers);
        return new BudgetSettings(requests, tokens, budget.maxCost() / answers);
    }
}
