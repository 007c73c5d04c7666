package dev.gembatch.job;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.OutputMode;
import dev.gembatch.config.StoreSettings;
import dev.gembatch.config.OutputSettings;
import dev.gembatch.input.InputColumns;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.StructColumns;
import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RunBudget;
import dev.gembatch.report.RunCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * {@code jobs/run --preview N}: takes the first N input rows to the driver (Spark reads no more
 * than it needs), answers them as a tiny local Dataset through the same executor path as a run,
 * and prints them as a table in input order. Writes only with {@code --preview-output PATH}.
 */
final class Preview {
    private Preview() {
    }

    static void run(SparkSession spark, JobSettings settings, GeminiSettings gemini, int rows,
                    Path outputPath, PrintStream out) throws InvalidInputException {
        long start = System.nanoTime();
        JobSettings job = settings.toBuilder().store(StoreSettings.OFF).build(); // see STORE.md
        OutputTarget target = outputPath == null ? null : target(spark, job, outputPath);
        List<String> overlap = target == null ? List.of() : target.overlapProblems(spark);
        if (!overlap.isEmpty()) {
            throw new InvalidInputException(overlap);
        }
        Dataset<Row> input = OutputTarget.of(spark, job.output(), job.input().path())
                .unanswered(JobRunner.readChecked(spark, job), job.input().idColumn());
        StructType outSchema = AnswerChain.outputSchema(input.schema(), job);
        List<String> problems = target == null ? List.of()
                : target.check(spark, StructColumns.appendTo(outSchema, job));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Row> first = input.takeAsList(rows);
        Dataset<Row> local = spark.createDataFrame(first, input.schema());
        RunCounters counters = RunCounters.register(spark.sparkContext());
        List<Row> answered = inInputOrder(first, AnswerChain.answer(spark, local, job, gemini,
                null, (in, a, plan, schema) -> in.mapPartitions(
                        new PartitionAnswerer(plan, counters), Encoders.row(schema)))
                .collectAsList());
        print(job, input.schema(), outSchema, answered, out);
        if (target != null) {
            write(target, StructColumns.append(spark.createDataFrame(answered, outSchema), job));
        }
        summary(answered.size(), rows, start, outputPath, out);
    }

    /** One table per answer column of the answered rows (in input order). */
    static void print(JobSettings job, StructType inputSchema, StructType outSchema,
                      List<Row> answered, PrintStream out) {
        for (AnswerColumn a : job.answers()) {
            if (a.name() != null) {
                out.printf("answer column %s%n", a.name());
            }
            out.print(new PreviewTable(keyColumns(job, inputSchema), a.prefix(),
                    PreviewTable.terminalWidth(System.getenv("COLUMNS")))
                    .render(outSchema, answered));
        }
    }

    /** The preview's last line: how many rows, how long since {@code start}, where written. */
    static void summary(int answered, int rows, long start, Path outputPath, PrintStream out) {
        out.printf("gembatch preview: %d of the first %d rows answered in %.1f s; %s%n",
                answered, rows, (System.nanoTime() - start) / 1e9, outputPath == null
                        ? "nothing written (--preview-output PATH keeps them)"
                        : "written to " + outputPath);
    }

    /**
     * The Parquet folder {@code --preview-output} names, written with the job's mode (a table
     * job's previews go to the folder, never the table: error-if-exists, or overwrite for a job
     * that overwrites its table).
     */
    private static OutputTarget target(SparkSession spark, JobSettings job, Path path) {
        OutputSettings o = job.output();
        OutputMode mode = o.table() == null || o.mode() == OutputMode.OVERWRITE ? o.mode()
                : OutputMode.ERROR_IF_EXISTS;
        return OutputTarget.of(spark, OutputSettings.folder(path.toString(), mode,
                o.partitionBy(), o.columnPrefix()), job.input().path());
    }

    private static void write(OutputTarget target, Dataset<Row> rows) {
        try {
            target.write(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the preview to " + target, e);
        }
    }

    /** The id column when set, else the columns the prompt reads. */
    static List<String> keyColumns(JobSettings job, StructType schema) {
        if (job.input().idColumn() != null) {
            return List.of(job.input().idColumn());
        }
        List<String> keys = new ArrayList<>();
        InputColumns.required(job).values().forEach(cols -> cols.stream()
                .filter(c -> !keys.contains(c)).forEach(keys::add));
        return keys;
    }

    /**
     * Answers come out in completion order; put them back in input order by their input values
     * (equal input rows have equal prompts, so either order of them is the same).
     */
    static List<Row> inInputOrder(List<Row> input, List<Row> answered) {
        List<Row> pending = new ArrayList<>(answered);
        List<Row> ordered = new ArrayList<>();
        for (Row in : input) {
            for (int i = 0; i < pending.size(); i++) {
                if (sameInput(in, pending.get(i))) {
                    ordered.add(pending.remove(i));
                    break;
                }
            }
        }
        ordered.addAll(pending);
        return ordered;
    }

    private static boolean sameInput(Row in, Row answered) {
        for (int i = 0; i < in.length(); i++) {
            if (!Objects.deepEquals(in.get(i), answered.get(i))) {
                return false;
            }
        }
        return true;
    }
}
