package dev.gembatch.output;

import static dev.gembatch.model.ErrorStatus.BUDGET_EXHAUSTED;

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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Answers a resumed run already has, one row per request_id in the {@link #SCHEMA} layout
 * ({@code __gb_key}, the result columns prefixed {@code __gb_}, {@code __gb_src} = 1): from the
 * journal of earlier runs, and from a complete earlier output (all of its answers for
 * {@code resume}; all but FAILED and budget-SKIPPED ones for {@code retry-failed}).
 */
public final class KnownAnswers {
    /** Prefix of the internal columns of the answering plan. */
    public static final String PREFIX = "__gb_";
    /** The key column (request_id). */
    public static final String KEY = PREFIX + "key";
    /** The source column: 0 sent in this run, 1 reused. */
    public static final String SOURCE = PREFIX + "src";
    /** key, prefixed result columns, source. */
    public static final StructType SCHEMA = ResultSchema.appendTo(
            new StructType().add(KEY, DataTypes.StringType), PREFIX)
            .add(SOURCE, DataTypes.IntegerType);

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
    public static Dataset<Row> read(SparkSession spark, OutputSettings output, String prefix,
                                    Journal journal) throws IOException {
        List<Dataset<Row>> parts = new ArrayList<>();
        if (journal.hasEarlierRuns()) {
            parts.add(spark.read().schema(JOURNAL).option("recursiveFileLookup", "true")
                    .parquet(journal.root())
                    .where(functions.col("status").notEqual(JournalFile.SENT))
                    .mapPartitions(new Decode(), Encoders.row(SCHEMA)));
        }
        if (isComplete(spark, output.path())) {
            parts.add(fromOutput(spark, output, prefix));
        }
        return parts.stream().reduce(Dataset::union).map(d -> d.dropDuplicates(KEY))
                .orElse(null);
    }

    /** True when {@code path} holds an output whose write was committed (_SUCCESS marker). */
    public static boolean isComplete(SparkSession spark, String path) throws IOException {
        Path success = new Path(path, "_SUCCESS");
        FileSystem fs = success.getFileSystem(spark.sparkContext().hadoopConfiguration());
        return fs.exists(success);
    }

    private static Dataset<Row> fromOutput(SparkSession spark, OutputSettings output, String p) {
        Dataset<Row> rows = spark.read().parquet(output.path())
                .where(column(p + "request_id").isNotNull());
        if (output.mode() == OutputMode.RETRY_FAILED) {
            rows = rows.where(functions.not(column(p + "status").equalTo(Status.FAILED.name())
                    .or(column(p + "status").equalTo(Status.SKIPPED.name()).and(
                            column(p + "error_status").equalTo(BUDGET_EXHAUSTED.name())))));
        }
        List<Column> columns = new ArrayList<>();
        columns.add(column(p + "request_id").as(KEY));
        for (String name : ResultSchema.columnNames("")) {
            columns.add(column(p + name).cast(SCHEMA.apply(PREFIX + name).dataType())
                    .as(PREFIX + name));
        }
        columns.add(functions.lit(1).as(SOURCE));
        return rows.select(columns.toArray(Column[]::new));
    }

    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
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
                        return row(id, JournalFile.decode((byte[]) e.get(e.fieldIndex("answer"))));
                    } catch (IOException ex) {
                        throw new IllegalStateException("unreadable journal entry " + id, ex);
                    }
                }
            };
        }

        private static Row row(String id, dev.gembatch.model.Answer answer) {
            Object[] results = ResultValues.of(id, answer);
            Object[] values = new Object[results.length + 2];
            values[0] = id;
            System.arraycopy(results, 0, values, 1, results.length);
            values[values.length - 1] = 1;
            return RowFactory.create(values);
        }
    }
}
