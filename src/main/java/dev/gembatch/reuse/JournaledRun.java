package dev.gembatch.reuse;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.OutputMode;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.report.RunCounters;
import dev.gembatch.store.AnswerRecords;
import dev.gembatch.store.AnswerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The door of {@code dev.gembatch.reuse}, answers reused instead of paid again: identical
 * requests sent once per run (dedupe), a task's finished answers kept for its retries and for
 * {@code --resume} (the journal), and what a resumed or retry-failed run already has (known
 * answers).
 *
 * <p>A deduplicated, journaled run: reads what a resumed run already has, plans the answers,
 * writes the complete output in one action (through a staging folder when it replaces an output
 * it reads), then clears the journal. The dedupe plan reads its keyed rows twice (requests and
 * join); they are persisted when computing them again is costly: when they hold earlier answer
 * columns of a spreadsheet job (those would be evaluated twice), or when keying a row reads its
 * media (every file would be read once more).
 *
 * <p>With an answer store, a request the store holds is not sent: its answer joins the known
 * answers, and the run's new answers are committed to the store once the output is written.
 */
public final class JournaledRun {
    private final JobSettings job;
    private final Journal journal;
    private final boolean resumes;
    private final SparkSession spark;
    private final AnswerStore store;
    private final List<String> notes = new ArrayList<>();
    private final List<Dataset<Row>> persisted = new ArrayList<>();
    /**
     * Hash partitions of every answer column's requests: taken from the first column's input
     * (asking a later column's input would evaluate the earlier answers to plan it).
     */
    private int partitions;

    private JournaledRun(JobSettings job, Journal journal, boolean resumes, SparkSession spark,
                         AnswerStore store) {
        this.job = job;
        this.journal = journal;
        this.resumes = resumes;
        this.spark = spark;
        this.store = store;
    }

    /**
     * The journaled run of a job's output {@code target}, reusing what its journal holds when
     * resuming, and always for a table: a table run killed before its commit left the table as
     * it was, so the next run takes the answers it had journaled instead of paying again.
     * Requests are looked up in {@code store} first (null: no store).
     */
    public static JournaledRun open(SparkSession spark, JobSettings job, OutputTarget target,
                                    AnswerStore store) throws Refused, IOException {
        Journal journal = Journal.at(target.journal(), job.journal(),
                spark.sparkContext().hadoopConfiguration());
        OutputMode mode = job.output().mode();
        boolean resumes = mode == OutputMode.RESUME || mode == OutputMode.RETRY_FAILED
                || target.isTable();
        Journal.Unreadable old = resumes ? journal.unreadable() : null;
        if (old != null) {
            throw new Refused(refusal(old, journal.root(), target.isTable()));
        }
        return new JournaledRun(job, journal, resumes, spark, store);
    }

    /** A journal this build does not read, refused before anything is sent. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static String refusal(Journal.Unreadable old, String root, boolean table) {
        String what = old.version() == 0
                ? "answers an earlier gembatch journaled as Java-serialized objects (before"
                        + " typed answer records), which this build does not read; "
                : "answer records of format version " + old.version() + ", newer than this"
                        + " build reads (up to " + AnswerRecords.VERSION + "); upgrade gembatch, ";
        String instead = table ? "delete the journal folder '" + root + "' (its answers are"
                + " asked again)" : "run the job again without --resume (output.mode ="
                + " overwrite: every row is answered again), or delete the journal folder '"
                + root + "' (its answers are asked again)";
        return "journal: '" + old.file() + "' holds " + what + (old.version() == 0 ? "" : "or ")
                + instead;
    }

    /**
     * Journaled answering of a Dataset into {@code journalRoot} (the library: no output),
     * looking requests up in {@code store} first (null: no store).
     */
    public static JournaledRun at(SparkSession spark, JobSettings job, String journalRoot,
                                  AnswerStore store) {
        return new JournaledRun(job, Journal.at(journalRoot, job.journal(),
                spark.sparkContext().hadoopConfiguration()), false, spark, store);
    }

    /** The dry run's split of {@code rows} by whether {@code store} holds their request. */
    public static StoreSplit storeSplit(Dataset<Row> rows, RowPlan plan, AnswerStore store) {
        return StoreSplit.of(rows, plan, store);
    }

    /**
     * The rows answered for one answer column ({@code outSchema}), sending only what is not
     * known from the journal or (when resuming) the earlier output.
     */
    public Dataset<Row> answer(Dataset<Row> rows, AnswerColumn answer, RowPlan plan,
                               RunCounters counters, StructType outSchema) {
        if (partitions == 0) {
            int configured = job.spark().partitions();
            partitions = configured > 0 ? configured : Math.max(1, rows.rdd().getNumPartitions());
        }
        Journal own = answer.name() == null ? journal : journal.forAnswer(answer.name());
        Dataset<Row> known;
        try {
            known = resumes ? KnownAnswers.read(spark, job.output(), answer.prefix(), journal)
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what the earlier run answered", e);
        }
        Dataset<Row> keyed = DedupedAnswers.keyed(rows, plan);
        if (!answer.equals(job.answers().get(0)) || !plan.media().isEmpty()) {
            keyed = keyed.persist(StorageLevel.MEMORY_AND_DISK());
            persisted.add(keyed);
        }
        return DedupedAnswers.plan(keyed, plan, counters, own,
                withStored(known, keyed, answer.model().name()), partitions, outSchema,
                store == null ? null : store.runId());
    }

    /** What a resumed or retry-failed run reuses (rows) and sends (distinct requests). */
    public record Reuse(long reusedRows, long requestsToSend) {
    }

    /**
     * For a resumed or retry-failed run, how many rows of {@code rows} have a known answer (the
     * earlier output, the journal) and how many distinct requests are left to send: one count
     * over the rows' request keys (prompts rendered, nothing sent), so the progress line counts
     * only what this run sends. Null for a fresh run, or when nothing was answered before.
     */
    public Reuse reuse(Dataset<Row> rows, AnswerColumn answer, RowPlan plan) {
        if (!resumes) {
            return null;
        }
        Dataset<Row> known;
        try {
            known = KnownAnswers.read(spark, job.output(), answer.prefix(), journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what the earlier run answered", e);
        }
        if (known == null) { // nothing answered before (a table's first run): a fresh run
            return null;
        }
        Dataset<Row> keys = DedupedAnswers.keyed(rows, plan).select(RequestKeys.REQUEST_ID)
                .where(functions.col(RequestKeys.REQUEST_ID).isNotNull());
        Dataset<Row> knownIds = known.select(KeyedAnswer.REQUEST_ID);
        Column same = keys.col(RequestKeys.REQUEST_ID)
                .equalTo(knownIds.col(KeyedAnswer.REQUEST_ID));
        // one pass: known ids are distinct, so the outer join keeps one line per row
        Column held = knownIds.col(KeyedAnswer.REQUEST_ID).isNotNull();
        Row counts = keys.join(knownIds, same, "left_outer").agg(
                functions.count(functions.when(held, 1)),
                functions.countDistinct(functions.when(functions.not(held),
                        keys.col(RequestKeys.REQUEST_ID)))).first();
        return new Reuse(counts.getLong(0), counts.getLong(1));
    }

    /** {@code known} (null: none) with the store's answers to the keyed requests, one per id. */
    private Dataset<Row> withStored(Dataset<Row> known, Dataset<Row> keyed, String model) {
        Dataset<Row> hits = store == null ? null
                : store.hits(keyed.where(RequestKeys.requestIdColumn().isNotNull()),
                        RequestKeys.REQUEST_ID, model);
        if (hits == null) {
            return known;
        }
        Dataset<Row> stored = KeyedAnswer.select(hits, "request_id", "", false,
                AnswerStore.RUN_COLUMN);
        return known == null ? stored : known.union(stored).dropDuplicates(KeyedAnswer.REQUEST_ID);
    }

    /**
     * Writes the output (the one action), then adds the answers it sent to the store (with one),
     * then clears the journal.
     */
    public void write(SparkSession spark, OutputTarget target, Dataset<Row> output)
            throws IOException {
        if (resumes && !target.isTable() && KnownAnswers.isComplete(spark, job.output().path())) {
            target.replace(spark, output);
        } else {
            target.write(output);
        }
        release();
        if (store != null) { // reading the output back plans a Spark job: only for the store
            commit(target.written(spark));
        }
        journal.clear();
    }

    /**
     * Adds the answers this run sent, read from {@code written} (the output, every answer
     * computed), to the store, if there is one; a failure leaves the output as written and
     * becomes a note (the next run asks those requests again).
     */
    public void commit(Dataset<Row> written) {
        if (store == null) {
            return;
        }
        List<AnswerStore.Source> sources = job.answers().stream()
                .map(a -> new AnswerStore.Source(a.prefix(), a.model().name())).toList();
        try {
            long added = store.commit(written, sources);
            notes.add(String.format(Locale.ROOT, "store: %,d new answers committed"
                    + " (run %s)", added, store.runId()));
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            notes.add("store: the output is complete but its new answers could not be committed"
                    + " to the store: " + e.getMessage());
        }
    }

    /** Lines for the run summary about the answer store (skipped segments, the commit). */
    public List<String> notes() {
        List<String> all = new ArrayList<>(store == null ? List.of() : store.notes());
        all.addAll(notes);
        return all;
    }

    /** Drops the intermediate rows persisted for the plan, once its result is computed. */
    public void release() {
        persisted.forEach(Dataset::unpersist);
        persisted.clear();
    }
}
