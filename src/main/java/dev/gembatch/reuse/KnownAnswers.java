package dev.gembatch.reuse;

import static dev.gembatch.model.ErrorStatus.BUDGET_EXHAUSTED;
import static dev.gembatch.model.ErrorStatus.DEADLINE_REACHED;
import static dev.gembatch.model.ErrorStatus.QUOTA_EXHAUSTED;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import dev.gembatch.model.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Answers a resumed run already has, as {@link KeyedAnswer} rows (reused), one per request_id:
 * from the journal of earlier runs, and from a complete earlier output (all of its answers for
 * {@code resume}; all but FAILED ones and those SKIPPED for a budget, a deadline or a spent
 * per-day quota for {@code retry-failed}). A table output has no earlier output read here: only
 * its journal.
 */
final class KnownAnswers {
    /** A journal file as Spark reads it (given, so a journal of empty folders reads as empty). */
    private static final StructType JOURNAL = new StructType()
            .add("request_id", DataTypes.StringType).add("status", DataTypes.StringType)
            .add("answer", DataTypes.BinaryType);

    private KnownAnswers() {
    }

    /**
     * What the journal and the earlier output (its result columns prefixed {@code prefix}) hold
     * for this mode, or null when nothing.
     */
    static Dataset<Row> read(SparkSession spark, OutputSettings output, String prefix,
                             Journal journal) throws IOException {
        List<Dataset<Row>> parts = new ArrayList<>();
        if (journal.hasEarlierRuns()) {
            parts.add(spark.read().schema(JOURNAL).option("recursiveFileLookup", "true")
                    .parquet(journal.root())
                    .where(functions.col("status").notEqual(JournalFile.SENT))
                    .mapPartitions(new Decode(), Encoders.row(KeyedAnswer.SCHEMA)));
        }
        if (output.path() != null && isComplete(spark, output.path())) {
            parts.add(fromOutput(spark, output, prefix));
        }
        return parts.stream().reduce(Dataset::union)
                .map(d -> d.dropDuplicates(KeyedAnswer.REQUEST_ID)).orElse(null);
    }

    /** True when {@code path} holds an output whose write was committed (_SUCCESS marker). */
    static boolean isComplete(SparkSession spark, String path) throws IOException {
        Path success = new Path(path, "_SUCCESS");
        FileSystem fs = success.getFileSystem(spark.sparkContext().hadoopConfiguration());
        return fs.exists(success);
    }

    private static Dataset<Row> fromOutput(SparkSession spark, OutputSettings output, String p) {
        Dataset<Row> rows = spark.read().parquet(output.path())
                .where(KeyedAnswer.column(p + "request_id").isNotNull());
        if (output.mode() == OutputMode.RETRY_FAILED) {
            Column status = KeyedAnswer.column(p + "status");
            rows = rows.where(functions.not(status.equalTo(Status.FAILED.name())
                    .or(status.equalTo(Status.SKIPPED.name()).and(KeyedAnswer
                            .column(p + "error_status").isin(BUDGET_EXHAUSTED.name(),
                                    DEADLINE_REACHED.name(), QUOTA_EXHAUSTED.name())))));
        }
        return KeyedAnswer.select(rows, p + "request_id", p, true, null);
    }

    /** Journal entries (request_id, status, answer) to known-answer rows. */
    private static final class Decode implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> entries) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Row next() {
                    Row e = entries.next();
                    String id = e.getString(e.fieldIndex("request_id"));
                    try {
                        return KeyedAnswer.fromJournal(id, JournalFile.decode(
                                (byte[]) e.get(e.fieldIndex("answer")))).toRow();
                    } catch (IOException ex) {
                        throw new IllegalStateException("unreadable journal entry " + id, ex);
                    }
                }
            };
        }
    }
}
