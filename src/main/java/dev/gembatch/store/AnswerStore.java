package dev.gembatch.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gembatch.config.StoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The door of {@code dev.gembatch.store}: answers kept across runs, by request_id, in typed
 * Parquet segments under {@code store.path} (layout, commit protocol and limits: docs/STORE.md).
 * Opened once per run on the driver: the folder is checked and its segments listed (a folder of
 * other files or a newer format refuses the run; an unreadable segment is skipped and named in
 * {@link #notes}). A run looks its requests up with {@link #hits} (a Spark join, never a set on
 * the driver), marks each output row with {@link #appendColumns}' columns and, once its output
 * is written, adds what it answered with {@link #commit}.
 */
public final class AnswerStore {
    /** Output column (after each answer's result columns): the answer came from the store. */
    public static final String FROM_STORE = "from_store";
    /** Output column: the run the answer was first answered in (this run's for new answers). */
    public static final String RUN_COLUMN = StoreRows.RUN;
    private final SparkSession spark;
    private final StoreSettings settings;
    private final StoreFolder folder;
    private final Segments segments;
    private final String endpoint;
    private final String runId;

    private AnswerStore(SparkSession spark, StoreSettings settings, StoreFolder folder,
                        Segments segments, String endpoint, String runId) {
        this.spark = spark;
        this.settings = settings;
        this.folder = folder;
        this.segments = segments;
        this.endpoint = endpoint;
        this.runId = runId;
    }

    /** A store refused before anything is sent: what its folder holds and why it is not used. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Opens the store of {@code settings} (which must be enabled) for a run against
     * {@code endpoint} (answers of another endpoint are never used).
     */
    public static AnswerStore open(SparkSession spark, StoreSettings settings, String endpoint)
            throws IOException, Refused {
        StoreFolder folder = new StoreFolder(settings.path(),
                spark.sparkContext().hadoopConfiguration());
        folder.check();
        return new AnswerStore(spark, settings, folder, Segments.of(folder), endpoint,
                "run-" + SegmentWriter.newId(Instant.now()).substring(4));
    }

    /** This run's id, as {@value #RUN_COLUMN} holds it for the answers it sends. */
    public String runId() {
        return runId;
    }

    /** Lines for the run summary: each skipped (unreadable) segment with why. */
    public List<String> notes() {
        return segments.skipped().stream()
                .map(s -> "store: skipped an unreadable segment (its answers are asked again): "
                        + s).toList();
    }

    /** {@code schema} followed by one answer's store columns, named {@code prefix} + name. */
    public static StructType appendColumns(StructType schema, String prefix) {
        return schema.add(prefix + FROM_STORE, DataTypes.BooleanType)
                .add(prefix + RUN_COLUMN, DataTypes.StringType);
    }

    /** The store columns' values of a row that was not sent (not from the store, no run). */
    public static Object[] notSent() {
        return new Object[] {false, null};
    }

    /** The store column names of one answer, named {@code prefix} + name. */
    public static List<String> columnNames(String prefix) {
        return List.of(prefix + FROM_STORE, prefix + RUN_COLUMN);
    }

    /**
     * The stored answers of {@code model} for the request ids in column {@code idColumn} of
     * {@code requests}: one row per id (request_id, every result column but request_id,
     * store_run_id) or null when the store has no answer of that model. Answers of another
     * endpoint, or older than the model's max-age, are left out.
     */
    public Dataset<Row> hits(Dataset<Row> requests, String idColumn, String model) {
        List<String> files = new ArrayList<>();
        segments.live().forEach(s -> files.addAll(s.files(model)));
        if (files.isEmpty()) {
            return null;
        }
        Dataset<Row> stored = spark.read().schema(StoreRows.SCHEMA)
                .parquet(files.toArray(String[]::new))
                .where(col(StoreRows.ENDPOINT).equalTo(endpoint)
                        .and(fresh(settings.maxAge(model), Instant.now())));
        Dataset<Row> ids = requests.select(StoreRows.quoted(idColumn).as("__gb_lookup_id"));
        return stored.join(ids, stored.col(StoreRows.REQUEST_ID).equalTo(ids.col(
                "__gb_lookup_id")), "left_semi").dropDuplicates(StoreRows.REQUEST_ID)
                .drop(StoreRows.ENDPOINT, StoreRows.STORED_AT, StoreRows.MODEL);
    }

    /** One answer column of an output, for {@link #commit}. */
    public record Source(String prefix, String model) {
    }

    /**
     * Adds the answers this run sent (rows whose {@value #RUN_COLUMN} is this run's and whose
     * status the store keeps) from the written {@code output} as one segment; returns the
     * number of answers committed (0: nothing written).
     */
    public long commit(Dataset<Row> output, List<Source> sources) throws IOException {
        Instant now = Instant.now();
        Dataset<Row> rows = null;
        for (Source s : sources) {
            Dataset<Row> one = StoreRows.fromOutput(output, s.prefix(), s.model(), endpoint,
                    runId, now);
            rows = rows == null ? one : rows.union(one);
        }
        Dataset<Row> distinct = rows.dropDuplicates(StoreRows.REQUEST_ID);
        List<String> models = sources.stream().map(Source::model).distinct().toList();
        return SegmentWriter.commit(folder, distinct, models, runId, List.of(), now).rows();
    }

    /** Merges small and expiring segments, dropping expired answers (jobs/run --store-compact). */
    public void compact(PrintStream out) throws IOException {
        StoreCompaction.run(spark, settings, folder, segments, runId, Instant.now(), out);
    }

    /** Prints answers, bytes, counts by model and by age (jobs/run --store-stats). */
    public void stats(PrintStream out) {
        StoreStats.print(spark, folder, segments, Instant.now(), out);
    }

    /** The answers of the live segments' files, for compaction and statistics. */
    static Dataset<Row> all(SparkSession spark, Segments segments) {
        List<String> files = new ArrayList<>();
        segments.live().forEach(s -> s.manifest().models().keySet()
                .forEach(m -> files.addAll(s.files(m))));
        return files.isEmpty() ? spark.createDataFrame(List.of(), StoreRows.SCHEMA)
                : spark.read().schema(StoreRows.SCHEMA).parquet(files.toArray(String[]::new));
    }

    /** The condition of an answer of {@code model} still within {@code maxAge} at {@code now}. */
    static Column fresh(Duration maxAge, Instant now) {
        return maxAge.isZero() ? lit(true)
                : col(StoreRows.STORED_AT).geq(lit(Timestamp.from(now.minus(maxAge))));
    }
}
