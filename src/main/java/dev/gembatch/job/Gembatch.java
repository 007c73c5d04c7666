package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.InvalidConfigException;
import dev.gembatch.config.JobConfig;
import dev.gembatch.config.JobSettings;
import dev.gembatch.input.InputColumns;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.StructColumns;
import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.report.RunCounters;
import dev.gembatch.reuse.JournaledRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The library entry point: fills a {@code Dataset<Row>} with Gemini answers, for a Spark
 * application or a notebook that already holds its rows. The settings are a job's HOCON text
 * without input and output paths (every key of {@code docs/CONFIG.md}; {@code GEMINI_API_KEY}
 * from the environment); the result is the rows with exactly the result columns a job writes.
 * Invalid settings or columns are reported all at once and nothing is sent.
 *
 * <pre>{@code
 * Gembatch gembatch = Gembatch.fromSettings("""
 *     prompt.template = "Label this review: {{review_text}}"
 *     model.name = "gemini-2.5-flash"
 *     """);
 * Dataset<Row> labelled = gembatch.answer(reviews);
 * }</pre>
 *
 * <p>{@link #answer} sends every request at once, in one Spark action, and returns the answered
 * rows persisted ({@code MEMORY_AND_DISK}): later actions on the result read them and send
 * nothing. Should Spark have to compute a partition again (a lost executor), the answers are
 * reused from the run's journal (see {@code journal.*}); call {@code unpersist()} when done.
 * The command line uses the same answering plan through {@link #answering}, with the one
 * action being the output write.
 */
public final class Gembatch {
    private final JobSettings job;
    private final GeminiSettings gemini;

    private Gembatch(JobSettings job, GeminiSettings gemini) {
        this.job = job;
        this.gemini = gemini;
    }

    /**
     * Gembatch with these settings (HOCON text over gembatch's defaults) and {@code overrides}
     * ("key=value", as {@code --set} on the command line). With {@code gemini.base-url =
     * emulator} the built-in emulator is started for the life of this JVM.
     *
     * @throws InvalidConfigException listing every problem, with its key and origin
     */
    public static Gembatch fromSettings(String hocon, String... overrides)
            throws InvalidConfigException {
        JobSettings job = JobConfig.parse(hocon, Arrays.asList(overrides), System.getenv());
        return new Gembatch(job, job.useEmulator() ? EmulatorCommand.shared(job)
                : job.gemini());
    }

    /** The command line's entry: a job's settings against the endpoint in {@code gemini}. */
    static Gembatch of(JobSettings job, GeminiSettings gemini) {
        return new Gembatch(job, gemini);
    }

    /**
     * {@code rows} with the result columns appended, every request sent once (see the class
     * comment). Checks the columns the settings read first.
     *
     * @throws InvalidInputException listing every problem with the columns; nothing was sent
     */
    public Dataset<Row> answer(Dataset<Row> rows) throws InvalidInputException {
        SparkSession spark = rows.sparkSession();
        if (job.store().enabled()) {
            throw new InvalidInputException(List.of("store.path: the answer store serves jobs"
                    + " (jobs/run, spark-submit ... Main); unset it for the library entry point"));
        }
        InputColumns.check(rows.schema(), job, resultColumns());
        if (job.input().idColumn() != null) {
            InputColumns.checkUnique(rows, job.input().idColumn());
        }
        RunCounters counters = RunCounters.register(spark.sparkContext(),
                job.input().idColumn());
        JournaledRun journaled = job.journal().dedupe()
                ? JournaledRun.at(spark, job, journalRoot(spark)) : null;
        Dataset<Row> answered = StructColumns.append(answering(rows, counters, journaled), job)
                .persist(StorageLevel.MEMORY_AND_DISK());
        answered.count();
        if (journaled != null) {
            journaled.release();
        }
        return answered;
    }

    /**
     * The lazily answered rows (nothing is sent until an action runs): journaled and deduplicated
     * through {@code journaled}, or each row sent once by the one action when it is null.
     */
    Dataset<Row> answering(Dataset<Row> rows, RunCounters counters, JournaledRun journaled)
            throws InvalidInputException {
        SparkSession spark = rows.sparkSession();
        int partitions = job.spark().partitions();
        Dataset<Row> spread = partitions > 0 ? rows.repartition(partitions) : rows;
        GeminiSettings paced = QuotaShares.perExecutor(spark.sparkContext(), gemini)
                .startingAt(Instant.now(), ZoneId.systemDefault());
        return AnswerChain.answer(spark, spread, job, paced, journaled != null
                ? (in, a, plan, schema) -> journaled.answer(in, a, plan, counters, schema)
                : (in, a, plan, schema) -> in.mapPartitions(new PartitionAnswerer(plan, counters),
                        Encoders.row(schema)));
    }

    /** A fresh journal folder of this application, under the driver's temporary folder. */
    private static String journalRoot(SparkSession spark) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "gembatch-"
                + spark.sparkContext().applicationId());
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "answers-").toUri().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a journal folder in " + root, e);
        }
    }

    /** The result column names {@link #answer} appends, in order. */
    public List<String> resultColumns() {
        return resultColumns(job);
    }

    /** The result column names a job adds, its struct columns last. */
    static List<String> resultColumns(JobSettings job) {
        return StructColumns.appendTo(AnswerChain.resultColumns(job), job);
    }
}
