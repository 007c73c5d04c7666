package dev.gembatch.output;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet folder output ({@code output.path}): what refuses it by mode, its write with
 * Spark's save modes, and the staged replace of an output a run reads from (resume,
 * retry-failed).
 */
final class ParquetFolder {
    private final OutputSettings settings;

    ParquetFolder(OutputSettings settings) {
        this.settings = settings;
    }

    /** What refuses a folder output (see {@link OutputTarget#check}). */
    void problems(SparkSession spark, FileSystem fs, Path path, StructType outputSchema,
                  List<String> problems)
            throws IOException {
        if (fs.exists(path) && settings.mode() == OutputMode.ERROR_IF_EXISTS) {
            problems.add("output.path: '" + settings.path() + "' already exists; set"
                    + " output.mode = overwrite or append, or choose another path");
        }
        boolean complete = fs.exists(new Path(path, "_SUCCESS"));
        if (settings.mode() == OutputMode.RETRY_FAILED && !complete) {
            problems.add("output.path: '" + settings.path() + "' holds no complete output to"
                    + " retry (output.mode = retry-failed); continue an interrupted run with"
                    + " output.mode = resume");
        }
        if (outputSchema != null && settings.mode() == OutputMode.APPEND && complete) {
            List<String> differences = ColumnDifferences.between(
                    spark.read().parquet(settings.path()).schema(), outputSchema,
                    settings.partitionBy());
            if (!differences.isEmpty()) {
                problems.add("output.path: appending to '" + settings.path() + "', whose columns"
                        + " differ from this job's (" + String.join("; ", differences) + ");"
                        + " write to a new output.path, or use output.mode = overwrite");
            }
        }
    }

    /**
     * Writes rows computed from the output's own earlier content (resume, retry-failed): into a
     * staging folder beside it, which then replaces the output.
     */
    void replace(SparkSession spark, Dataset<Row> answered) throws IOException {
        Path path = new Path(settings.path());
        Path staging = stagingOf(path);
        write(answered, staging.toString());
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.delete(path, true) || !fs.rename(staging, path)) {
            throw new IOException("cannot move the new output " + staging + " to " + path);
        }
    }

    static Path stagingOf(Path output) {
        return new Path(output.getParent(), output.getName() + ".gembatch-staging");
    }

    void write(Dataset<Row> answered, String path) {
        answered.write()
                .mode(saveMode())
                .partitionBy(settings.partitionBy().toArray(String[]::new))
                .parquet(path);
    }

    private SaveMode saveMode() {
        return switch (settings.mode()) {
            case ERROR_IF_EXISTS -> SaveMode.ErrorIfExists;
            case OVERWRITE -> SaveMode.Overwrite;
            case APPEND -> SaveMode.Append;
            case RESUME, RETRY_FAILED -> SaveMode.Overwrite;
            case APPEND_NEW -> throw new IllegalStateException("append-new writes tables only");
        };
    }
}
