package dev.gembatch.output;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Where the result goes: checked before any request is sent, then written once as Parquet. */
public final class OutputTarget {
    private final OutputSettings settings;

    public OutputTarget(OutputSettings settings) {
        this.settings = settings;
    }

    /**
     * Problems with the target (exists without overwrite/append, not writable, bad partition
     * column, appending rows whose columns differ from the output's).
     */
    public List<String> check(SparkSession spark, StructType outputSchema) {
        List<String> problems = new ArrayList<>();
        List<String> columns = Arrays.asList(outputSchema.fieldNames());
        for (String c : settings.partitionBy()) {
            if (!columns.contains(c)) {
                problems.add("output.partition-by: column '" + c + "' is neither an input nor a"
                        + " result column");
            }
        }
        Path path = new Path(settings.path());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path) && settings.mode() == OutputMode.ERROR_IF_EXISTS) {
                problems.add("output.path: '" + settings.path() + "' already exists; set"
                        + " output.mode = overwrite or append, or choose another path");
            }
            if (settings.mode() == OutputMode.RETRY_FAILED
                    && !fs.exists(new Path(path, "_SUCCESS"))) {
                problems.add("output.path: '" + settings.path() + "' holds no complete output to"
                        + " retry (output.mode = retry-failed); continue an interrupted run with"
                        + " output.mode = resume");
            }
            checkWritable(fs, path, problems);
            if (settings.mode() == OutputMode.APPEND && fs.exists(new Path(path, "_SUCCESS"))) {
                problems.addAll(appendProblems(spark.read().parquet(settings.path()).schema(),
                        outputSchema));
            }
        } catch (IOException e) {
            problems.add("output.path: '" + settings.path() + "' cannot be checked: "
                    + e.getMessage());
        }
        return problems;
    }

    /**
     * Appending must not mix row layouts in one output: every column the same name and type
     * (nullability aside; partition columns, whose type Spark infers from folder names, by name).
     */
    private List<String> appendProblems(StructType existing, StructType appended) {
        List<String> differences = new ArrayList<>();
        for (StructField f : appended.fields()) {
            if (!Arrays.asList(existing.fieldNames()).contains(f.name())) {
                differences.add("new column " + f.name());
            } else if (!settings.partitionBy().contains(f.name()) && !f.dataType().catalogString()
                    .equals(existing.apply(f.name()).dataType().catalogString())) {
                differences.add(f.name() + " is " + f.dataType().catalogString() + ", was "
                        + existing.apply(f.name()).dataType().catalogString());
            }
        }
        for (String name : existing.fieldNames()) {
            if (!Arrays.asList(appended.fieldNames()).contains(name)) {
                differences.add("no column " + name);
            }
        }
        return differences.isEmpty() ? List.of() : List.of("output.path: appending to '"
                + settings.path() + "', whose columns differ from this job's ("
                + String.join("; ", differences) + "); write to a new output.path, or use"
                + " output.mode = overwrite");
    }

    private void checkWritable(FileSystem fs, Path path, List<String> problems)
            throws IOException {
        Path existing = path;
        while (existing != null && !fs.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            fs.access(existing, FsAction.WRITE);
        } catch (AccessControlException e) {
            problems.add("output.path: '" + existing + "' is not writable");
        }
    }

    /** Writes the answered rows: the one action that sends the requests. */
    public void write(Dataset<Row> answered) {
        write(answered, settings.path());
    }

    /**
     * Writes rows computed from the output's own earlier content (resume, retry-failed): into a
     * staging folder beside it, which then replaces the output.
     */
    public void replace(SparkSession spark, Dataset<Row> answered) throws IOException {
        Path path = new Path(settings.path());
        Path staging = new Path(path.getParent(), path.getName() + ".gembatch-staging");
        write(answered, staging.toString());
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.delete(path, true) || !fs.rename(staging, path)) {
            throw new IOException("cannot move the new output " + staging + " to " + path);
        }
    }

    private void write(Dataset<Row> answered, String path) {
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
        };
    }
}
