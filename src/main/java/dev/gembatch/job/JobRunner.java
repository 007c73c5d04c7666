package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.PromptSettings;
import dev.gembatch.input.InputColumns;
import dev.gembatch.input.InputRows;
import dev.gembatch.input.InputTable;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.AnswerStruct;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.pipeline.InputProblems;
import dev.gembatch.pipeline.InvalidRows;
import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RunBudget;
import dev.gembatch.prompt.RequestBodies;
import dev.gembatch.prompt.Template;
import dev.gembatch.report.Progress;
import dev.gembatch.report.RunCounters;
import dev.gembatch.report.RunReport;
import dev.gembatch.report.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Runs one job on a Spark session: reads and checks the input and the output target (nothing is
 * sent before both are valid), answers every row on the executors, and writes the Parquet output
 * in one action, so each request is sent once.
 */
public final class JobRunner {
    private JobRunner() {
    }

    /** Runs the job against the endpoint in {@code gemini} (the job's own, or the emulator's). */
    public static RunReport run(SparkSession spark, JobSettings job, GeminiSettings gemini,
                                PrintStream out) throws InvalidInputException, IOException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        InputRows input = prepare(spark, job);
        StructType outSchema = ResultSchema.appendTo(input.schema(), job.output().columnPrefix());
        AnswerStruct struct = AnswerStruct.of(job.model().generation());
        OutputTarget target = new OutputTarget(job.output());
        List<String> problems = target.check(spark,
                struct.appendTo(outSchema, job.output().columnPrefix()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RunCounters counters = RunCounters.register(spark.sparkContext(), job.input().idColumn());
        InputProblems inputProblems = InputProblems.register(spark.sparkContext());
        int partitions = job.spark().partitions();
        Dataset<Row> valid = partitions > 0 ? input.valid().repartition(partitions) : input.valid();
        GeminiSettings paced = QuotaShares.perExecutor(spark.sparkContext(), gemini);
        RowPlan plan = plan(input.schema(), job, paced).withBudget(RunBudget.plan(valid,
                job.budget(), job.pricing().forModel(job.model().name())));
        JournaledWrite journaled = job.journal().dedupe() ? JournaledWrite.open(spark, job)
                : null;
        Dataset<Row> answered = journaled != null
                ? journaled.answer(valid, plan, counters, outSchema)
                : valid.mapPartitions(new PartitionAnswerer(plan, counters),
                        Encoders.row(outSchema));
        Dataset<Row> output = struct.appendColumn(input.invalid() == null ? answered
                : answered.union(input.invalid().map(new InvalidRows(counters, inputProblems),
                        Encoders.row(outSchema))), job.output().columnPrefix());
        try (Progress progress = RunReporting.progress(spark, job, input.all(), counters, out)) {
            if (journaled != null) {
                journaled.write(spark, target, output);
            } else {
                target.write(output);
            }
        }
        RunSummary summary = counters.summary(job.output().path(),
                (System.nanoTime() - start) / 1_000_000).withNotes(inputProblems.notes());
        return RunReporting.report(spark, job, counters, summary, started, out);
    }

    /** The input read, split (rows that cannot be sent set apart) and checked against the job. */
    private static InputRows prepare(SparkSession spark, JobSettings job)
            throws InvalidInputException {
        Map<String, List<String>> required = requiredColumns(job);
        List<String> promptColumns = required.entrySet().stream()
                .filter(e -> e.getKey().startsWith("prompt."))
                .flatMap(e -> e.getValue().stream()).toList();
        InputRows input = InputTable.open(spark, job.input(), promptColumns);
        InputColumns.check(input.schema(), required, resultColumns(job));
        if (job.input().idColumn() != null) {
            InputColumns.checkUnique(input.all(), job.input().idColumn());
        }
        return input;
    }

    /** The input as read, its columns checked against the job (preview and dry run too). */
    static Dataset<Row> readChecked(SparkSession spark, JobSettings job)
            throws InvalidInputException {
        Dataset<Row> input = InputTable.read(spark, job.input());
        InputColumns.check(input.schema(), requiredColumns(job), resultColumns(job));
        return input;
    }

    /** The (prefixed) names of the columns the output adds, answer_struct included. */
    private static List<String> resultColumns(JobSettings job) {
        String prefix = job.output().columnPrefix();
        return AnswerStruct.of(job.model().generation()).appendTo(
                ResultSchema.columnNames(prefix), prefix);
    }

    static Map<String, List<String>> requiredColumns(JobSettings job) {
        PromptSettings p = job.prompt();
        Map<String, List<String>> required = new LinkedHashMap<>();
        if (p.template() != null) {
            required.put("prompt.template", Template.parse(p.template()).columns());
        } else {
            required.put("prompt.column", List.of(p.column()));
        }
        if (p.systemInstruction() != null) {
            required.put("prompt.system-instruction",
                    Template.parse(p.systemInstruction()).columns());
        }
        if (job.input().idColumn() != null) {
            required.put("input.id-column", List.of(job.input().idColumn()));
        }
        return required;
    }

    static RowPlan plan(StructType schema, JobSettings job, GeminiSettings gemini) {
        PromptSettings p = job.prompt();
        return RowPlan.of(schema,
                p.template() == null ? null : Template.parse(p.template()),
                p.column(),
                p.systemInstruction() == null ? null : Template.parse(p.systemInstruction()),
                new RequestBodies(job.model()), job.model().name(), gemini)
                .withStruct(AnswerStruct.of(job.model().generation()));
    }
}
