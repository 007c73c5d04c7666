package dev.gembatch.reuse;

import static dev.gembatch.model.ErrorStatus.BUDGET_EXHAUSTED;
import static dev.gembatch.model.ErrorStatus.DEADLINE_REACHED;
import static dev.gembatch.model.ErrorStatus.QUOTA_EXHAUSTED;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import dev.gembatch.model.Status;
import dev.gembatch.store.AnswerRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Answers a resumed run already has, as {@link KeyedAnswer} rows (reused), one per request_id:
 * from the journal of earlier runs, and from a complete earlier output (all of its answers for
 * {@code resume}; all but FAILED ones and those SKIPPED for a budget, a deadline or a spent
 * per-day quota for {@code retry-failed}). A table output has no earlier output read here: only
 * its journal.
 */
final class KnownAnswers {
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
            // the typed records as Spark reads them (the schema given, so that a journal of
            // empty folders reads as empty)
            parts.add(KeyedAnswer.select(spark.read().schema(AnswerRecords.TYPE)
                    .option("recursiveFileLookup", "true").parquet(journal.root())
                    .where(functions.col("status").notEqual(AnswerRecords.SENT)),
                    "request_id", "", true, null));
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
}
