package dev.gembatch.output;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where the result goes: checked before any request is sent (it must not overlap the input, it
 * must be creatable, no other run may be writing it), locked while the run writes it, then
 * written once as Parquet.
 */
public final class OutputTarget {
    /** Suffix of the journal folder beside the output folder (see {@link #journalOf}). */
    private static final String JOURNAL_SUFFIX = ".gembatch-journal";
    private final OutputSettings settings;
    private final String inputPath;

    /** The target of {@code settings}, for a job reading {@code inputPath}. */
    public OutputTarget(OutputSettings settings, String inputPath) {
        this.settings = settings;
        this.inputPath = inputPath;
    }

    /**
     * Where writing would destroy or mix with the input: the output, its journal, staging folder
     * or lock is the input, lies inside it or holds it (see {@link PathOverlap}). Needs nothing
     * read: checked before the input is opened.
     */
    public List<String> overlapProblems(SparkSession spark) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> problems = new ArrayList<>();
        try {
            PathOverlap input = PathOverlap.of(inputPath, conf);
            for (String[] place : writtenPlaces()) {
                String relation = input.overlap(place[1]);
                if (relation != null) {
                    problems.add("output.path: " + place[0] + " '" + place[1] + "' " + relation
                            + "; writing it would destroy or mix with the input: choose an"
                            + " output.path outside the input (input.path = '" + inputPath + "')");
                }
            }
        } catch (IOException e) {
            problems.add("output.path: cannot compare '" + settings.path() + "' with the input '"
                    + inputPath + "': " + e.getMessage());
        }
        return problems.isEmpty() ? problems : problems.subList(0, 1);
    }

    private List<String[]> writtenPlaces() {
        String out = settings.path();
        return List.of(new String[] {"the output", out},
                new String[] {"the journal", journalOf(out)},
                new String[] {"the staging folder", stagingOf(new Path(out)).toString()},
                new String[] {"the lock", OutputLock.pathOf(out)});
    }

    /**
     * The folder beside {@code outputPath} where the runs writing it journal their answers until
     * the output is written (see {@code dev.gembatch.reuse}).
     */
    public static String journalOf(String outputPath) {
        return beside(outputPath, JOURNAL_SUFFIX);
    }

    /** A place beside the output folder: its path (no trailing slash) with {@code suffix}. */
    static String beside(String outputPath, String suffix) {
        return (outputPath.endsWith("/") ? outputPath.substring(0, outputPath.length() - 1)
                : outputPath) + suffix;
    }

    /** Takes the output's lock for this run (see {@link OutputLock}). */
    public OutputLock lock(SparkSession spark, PrintStream notes)
            throws IOException, OutputLock.HeldException {
        return OutputLock.take(settings.path(), spark.sparkContext().hadoopConfiguration(), notes);
    }

    /**
     * Problems with the target (exists without overwrite/append, no file can be created where
     * it goes, another run holds its lock, bad partition column, appending rows whose columns
     * differ from the output's). A null {@code outputSchema} (the input could not be read)
     * checks the place only.
     */
    public List<String> check(SparkSession spark, StructType outputSchema) {
        List<String> problems = new ArrayList<>();
        List<String> columns = outputSchema == null ? null
                : Arrays.asList(outputSchema.fieldNames());
        for (String c : settings.partitionBy()) {
            if (columns != null && !columns.contains(c)) {
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
            probeWritable(fs, path, problems);
            String held = OutputLock.holder(settings.path(),
                    spark.sparkContext().hadoopConfiguration());
            if (held != null) {
                problems.add(held);
            }
            if (outputSchema != null && settings.mode() == OutputMode.APPEND
                    && fs.exists(new Path(path, "_SUCCESS"))) {
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

    /**
     * Proves that files can be created where the output, its journal and its lock go (the
     * nearest existing folder above the output) and, when appending, inside the output: creates
     * and deletes a hidden probe file. Permission bits alone say nothing of a read-only mount.
     */
    private void probeWritable(FileSystem fs, Path path, List<String> problems)
            throws IOException {
        Path parent = path.getParent() == null ? path : path.getParent();
        while (parent.getParent() != null && !fs.exists(parent)) {
            parent = parent.getParent();
        }
        probe(fs, parent, problems);
        if (settings.mode() == OutputMode.APPEND && fs.isDirectory(path)) {
            probe(fs, path, problems);
        }
    }

    private static void probe(FileSystem fs, Path dir, List<String> problems) {
        Path probe = new Path(dir, ".gembatch-probe-" + UUID.randomUUID());
        try {
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            problems.add("output.path: cannot create a file in '" + dir + "' ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
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
        Path staging = stagingOf(path);
        write(answered, staging.toString());
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.delete(path, true) || !fs.rename(staging, path)) {
            throw new IOException("cannot move the new output " + staging + " to " + path);
        }
    }

    private static Path stagingOf(Path output) {
        return new Path(output.getParent(), output.getName() + ".gembatch-staging");
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
