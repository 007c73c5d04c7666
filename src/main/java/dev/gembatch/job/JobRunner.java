package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.input.InputColumns;
import dev.gembatch.input.InputRows;
import dev.gembatch.input.InputTable;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.OutputLock;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.output.StructColumns;
import dev.gembatch.pipeline.InvalidRows;
import dev.gembatch.report.InputProblems;
import dev.gembatch.report.Progress;
import dev.gembatch.report.RunCounters;
import dev.gembatch.report.RunReport;
import dev.gembatch.report.RunTotals;
import dev.gembatch.reuse.JournaledRun;
import dev.gembatch.store.AnswerStore;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The command line's adapter around {@link Gembatch}: reads and checks the input and the output
 * target (nothing is sent before both are valid), has the entry point answer every row on the
 * executors, and writes the Parquet output in one action, so each request is sent once.
 */
public final class JobRunner {
    private JobRunner() {
    }

    /** Runs the job against the endpoint in {@code gemini} (the job's own, or the emulator's). */
    public static RunReport run(SparkSession spark, JobSettings job, GeminiSettings gemini,
                                PrintStream out) throws InvalidInputException, IOException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        OutputTarget target = checkedTarget(spark, job);
        recover(spark, target, out);
        InputRows read = withTargetProblems(spark, target, () -> prepare(spark, job));
        StructType outSchema = AnswerChain.outputSchema(read.schema(), job);
        List<String> problems = target.check(spark, StructColumns.appendTo(outSchema, job));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        AnswerStore store = openStore(spark, job, gemini);
        try (OutputLock lock = lock(spark, target, out)) {
            return answer(spark, job, gemini, unanswered(target, job, read), target, store,
                    started, start, out);
        }
    }

    /** The job's answer store (null without one), refused before anything is sent. */
    static AnswerStore openStore(SparkSession spark, JobSettings job, GeminiSettings gemini)
            throws InvalidInputException {
        if (!job.store().enabled()) {
            return null;
        }
        try {
            return AnswerStore.open(spark, job.store(),
                    job.useEmulator() ? "emulator" : gemini.baseUrl());
        } catch (AnswerStore.Refused e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(List.of("store.path: '" + job.store().path()
                    + "' cannot be read: " + e.getMessage()));
        }
    }

    /** Reading the input, one step that can refuse the job. */
    interface InputRead<T> {
        T read() throws InvalidInputException;
    }

    /**
     * The input as {@code read} reads it; when that fails, the output target's own problems
     * come in the same message, so every problem known before anything is sent is said at once.
     */
    static <T> T withTargetProblems(SparkSession spark, OutputTarget target, InputRead<T> read)
            throws InvalidInputException {
        try {
            return read.read();
        } catch (InvalidInputException e) {
            List<String> all = new ArrayList<>(e.problems());
            all.addAll(target.check(spark, null));
            throw new InvalidInputException(all);
        }
    }

    /** The job's output target, refused before the input is opened when it overlaps it. */
    static OutputTarget checkedTarget(SparkSession spark, JobSettings job)
            throws InvalidInputException {
        OutputTarget target = OutputTarget.of(spark, job.output(), job.input().path(),
                job.journal().path());
        List<String> overlap = target.overlapProblems(spark);
        if (!overlap.isEmpty()) {
            throw new InvalidInputException(overlap);
        }
        return target;
    }

    /** Finishes or rolls back a replace of the output that a stopped run left half done. */
    private static void recover(SparkSession spark, OutputTarget target, PrintStream out)
            throws InvalidInputException, IOException {
        try {
            target.recover(spark, out);
        } catch (OutputLock.HeldException e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        }
    }

    private static OutputLock lock(SparkSession spark, OutputTarget target, PrintStream out)
            throws InvalidInputException, IOException {
        try {
            return target.lock(spark, out);
        } catch (OutputLock.HeldException e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        }
    }

    /** The journaled run of the output, refused before anything is sent when unreadable. */
    private static JournaledRun journaled(SparkSession spark, JobSettings job, OutputTarget target,
                                          AnswerStore store)
            throws InvalidInputException, IOException {
        try {
            return JournaledRun.open(spark, job, target, store);
        } catch (JournaledRun.Refused e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        }
    }

    /** Answers the checked input and writes the output: the one action that sends. */
    private static RunReport answer(SparkSession spark, JobSettings job, GeminiSettings gemini,
                                    InputRows input, OutputTarget target, AnswerStore store,
                                    Instant started, long start, PrintStream out)
            throws InvalidInputException, IOException {
        RunCounters counters = RunCounters.register(spark.sparkContext(), job.input().idColumn());
        InputProblems inputProblems = InputProblems.register(spark.sparkContext());
        JournaledRun journaled = job.journal().dedupe() ? journaled(spark, job, target, store)
                : null;
        try (CacheSetup caches = new CacheSetup(job, gemini, target.toString(),
                () -> input.valid().count())) {
            return answer(spark, job, gemini, input, target, store, started, start, out, counters,
                    inputProblems, journaled, caches);
        }
    }

    /** The same with the run's counters, journal and context caches set up. */
    private static RunReport answer(SparkSession spark, JobSettings job, GeminiSettings gemini,
                                    InputRows input, OutputTarget target, AnswerStore store,
                                    Instant started, long start, PrintStream out,
                                    RunCounters counters, InputProblems inputProblems,
                                    JournaledRun journaled, CacheSetup caches)
            throws InvalidInputException, IOException {
        StructType outSchema = AnswerChain.outputSchema(input.schema(), job);
        Dataset<Row> answered = Gembatch.of(job, gemini).answering(input.valid(), counters,
                journaled, caches);
        Dataset<Row> output = StructColumns.append(input.invalid() == null ? answered
                : answered.union(input.invalid().map(new InvalidRows(counters, inputProblems,
                        job.answers().size(), store == null ? new Object[0]
                        : AnswerStore.notSent()), Encoders.row(outSchema))), job);
        JournaledRun.Reuse reuse = journaled == null || job.answers().size() > 1 ? null
                : journaled.reuse(input.valid(), job.answers().get(0), AnswerChain.plan(
                        spark.sparkContext().hadoopConfiguration(), input.valid().schema(), job,
                        job.answers().get(0), gemini));
        try (Progress progress = RunReporting.progress(spark, job, input, counters, reuse, out)) {
            if (journaled != null) {
                journaled.write(spark, target, output);
            } else {
                target.write(output);
            }
        }
        RunTotals totals = counters.totals(target.toString(),
                (System.nanoTime() - start) / 1_000_000).withNotes(inputProblems.notes())
                .withAnswerColumns(job.answers().size());
        caches.close();
        totals = totals.withNotes(caches.notes());
        if (store != null) {
            totals = totals.withStore(counters.storeUse()).withNotes(journaled.notes());
        }
        return RunReporting.report(spark, job, counters, totals, started, target.place(), out);
    }

    /**
     * The rows this run answers: all of {@code input}, or for {@code append-new} those whose key
     * the output table does not hold yet (valid and invalid rows alike), read under the lock.
     */
    private static InputRows unanswered(OutputTarget target, JobSettings job, InputRows input) {
        String id = job.input().idColumn();
        Dataset<Row> all = target.unanswered(input.all(), id);
        if (all == input.all()) {
            return input; // nothing left out: the rows keep their count
        }
        return new InputRows(all,
                target.unanswered(input.valid(), id),
                input.invalid() == null ? null : target.unanswered(input.invalid(), id));
    }

    /** The input read, split (rows that cannot be sent set apart) and checked against the job. */
    private static InputRows prepare(SparkSession spark, JobSettings job)
            throws InvalidInputException {
        Map<String, List<String>> required = InputColumns.required(job);
        List<String> promptColumns = required.entrySet().stream()
                .filter(e -> e.getKey().contains("prompt."))
                .flatMap(e -> e.getValue().stream()).distinct().toList();
        InputRows input = InputTable.open(spark, job.input(), promptColumns);
        InputColumns.check(input.schema(), job, Gembatch.resultColumns(job));
        if (job.input().idColumn() != null) {
            return input.counted(InputColumns.checkUnique(input.all(), job.input().idColumn()));
        }
        return input;
    }

    /** The input as read, its columns checked against the job (preview and dry run too). */
    static Dataset<Row> readChecked(SparkSession spark, JobSettings job)
            throws InvalidInputException {
        Dataset<Row> input = InputTable.read(spark, job.input());
        InputColumns.check(input.schema(), job, Gembatch.resultColumns(job));
        return input;
    }
}
