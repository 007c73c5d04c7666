package dev.gembatch.output;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Where the result goes, a Parquet folder ({@code output.path}) or a catalog table
 * ({@code output.table}, see {@link CatalogTable}): checked before any request is sent (its
 * files must not overlap the input, they must be creatable, no other run may be writing it),
 * locked while the run writes it, then written once. Its <em>place</em> is where the files
 * gembatch keeps beside the result go (journal, lock, report): the folder itself, or the table's
 * own state folder.
 */
public final class OutputTarget {
    /** Suffix of the journal folder beside the output folder (see {@link #journalOf}). */
    private static final String JOURNAL_SUFFIX = ".gembatch-journal";
    private final OutputSettings settings;
    private final String inputPath;
    private final CatalogTable table;
    private final String journals;

    private OutputTarget(OutputSettings settings, String inputPath, CatalogTable table,
                         String journals) {
        this.settings = settings;
        this.inputPath = inputPath;
        this.table = table;
        this.journals = journals;
    }

    /** The target of {@code settings}, for a job reading {@code inputPath}, journaled beside it. */
    public static OutputTarget of(SparkSession spark, OutputSettings settings, String inputPath) {
        return of(spark, settings, inputPath, null);
    }

    /**
     * The target of {@code settings}, for a job reading {@code inputPath}, journaled in a
     * subfolder of {@code journals} ({@code journal.path}; null: beside the output).
     */
    public static OutputTarget of(SparkSession spark, OutputSettings settings, String inputPath,
                                  String journals) {
        return new OutputTarget(settings, inputPath,
                settings.table() == null ? null : CatalogTable.resolve(spark, settings),
                journals);
    }

    /** The output folder, or the folder of a table's journal, lock and report files. */
    public String place() {
        return table == null ? settings.path() : table.place();
    }

    /** The journal folder of this output (see {@code dev.gembatch.reuse}). */
    public String journal() {
        return journals == null ? journalOf(place()) : journalOf(place(), journals);
    }

    /** True for a catalog table, false for a Parquet folder. */
    public boolean isTable() {
        return table != null;
    }

    /** The output as the run summary names it: its folder, or "table catalog.ns.name". */
    @Override
    public String toString() {
        return table == null ? settings.path() : "table " + table;
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
                    problems.add(placeKey() + ": " + place[0] + " '" + place[1] + "' "
                            + relation + "; writing it would destroy or mix with the input:"
                            + " choose an " + placeKey() + " outside the input (input.path = '"
                            + inputPath + "')");
                }
            }
        } catch (IOException e) {
            problems.add(placeKey() + ": cannot compare '" + place() + "' with the input '"
                    + inputPath + "': " + e.getMessage());
        }
        return problems.isEmpty() ? problems : problems.subList(0, 1);
    }

    private List<String[]> writtenPlaces() {
        String out = place();
        List<String[]> places = new ArrayList<>(List.of(
                new String[] {table == null ? "the output" : "the table's state folder", out},
                new String[] {"the journal", journal()},
                new String[] {"the lock", OutputLock.pathOf(out)}));
        if (table == null) {
            places.add(new String[] {"the staging folder",
                    ParquetFolder.stagingOf(new Path(out)).toString()});
            places.add(new String[] {"the commit marker",
                    FolderSwap.markerOf(new Path(out)).toString()});
        }
        return places;
    }

    /** The key that moves the place: the output folder, or the table's state folder. */
    private String placeKey() {
        return table == null ? "output.path" : "output.table-state-path";
    }

    /**
     * The folder beside {@code outputPath} where the runs writing it journal their answers until
     * the output is written (see {@code dev.gembatch.reuse}).
     */
    public static String journalOf(String outputPath) {
        return beside(outputPath, JOURNAL_SUFFIX);
    }

    /** The journal folder of the output at {@code place} in {@code journals} (journal.path). */
    public static String journalOf(String place, String journals) {
        return JournalFolder.in(place, journals);
    }

    /** A place beside the output folder: its path (no trailing slash) with {@code suffix}. */
    static String beside(String outputPath, String suffix) {
        return (outputPath.endsWith("/") ? outputPath.substring(0, outputPath.length() - 1)
                : outputPath) + suffix;
    }

    /** Takes the output's lock for this run (see {@link OutputLock}). */
    public OutputLock lock(SparkSession spark, PrintStream notes)
            throws IOException, OutputLock.HeldException {
        return OutputLock.take(place(), spark.sparkContext().hadoopConfiguration(), notes);
    }

    /**
     * Problems with the target (a folder that exists without overwrite/append, a table in an
     * unknown catalog or namespace, no file can be created where the journal and lock go,
     * another run holds its lock, bad partition column, appending rows whose columns differ
     * from the output's). A null {@code outputSchema} (the input could not be read) checks the
     * place only.
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
        if (table != null) {
            problems.addAll(table.problems(outputSchema));
        }
        Path path = new Path(place());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (table == null) {
                new ParquetFolder(settings).problems(spark, fs, path, outputSchema, problems);
            }
            WritableProbe.check(fs, path, settings.mode() == OutputMode.APPEND, placeKey(),
                    problems);
            String held = OutputLock.holder(place(), spark.sparkContext().hadoopConfiguration());
            if (held != null) {
                problems.add(held);
            }
        } catch (IOException e) {
            problems.add(placeKey() + ": '" + place() + "' cannot be checked: " + e.getMessage());
        }
        return problems;
    }

    /**
     * {@code rows} less those an {@code append-new} table already holds by {@code idColumn} (a
     * Spark anti-join, nothing collected); all of {@code rows} for any other target.
     */
    public Dataset<Row> unanswered(Dataset<Row> rows, String idColumn) {
        return table == null ? rows : table.unanswered(rows, idColumn);
    }

    /**
     * Finishes or rolls back the replace of an output folder that a stopped run left half done
     * (see {@link FolderSwap}), under the output's lock, before the output is checked or read;
     * says so on {@code notes}. Nothing to do for a table, or when no replace was left.
     */
    public void recover(SparkSession spark, PrintStream notes)
            throws IOException, OutputLock.HeldException {
        if (table != null) {
            return;
        }
        Path path = new Path(settings.path());
        if (!ParquetFolder.swapLeftOver(path.getFileSystem(spark.sparkContext()
                .hadoopConfiguration()), path)) {
            return;
        }
        try (OutputLock lock = lock(spark, notes)) {
            String done = new ParquetFolder(settings).recover(spark);
            if (done != null) {
                notes.println("gembatch: output: " + done);
            }
        }
    }

    /**
     * Writes rows computed from the output's own earlier content (resume, retry-failed): into a
     * staging folder beside the output folder, which then replaces it (see {@link FolderSwap}).
     */
    public void replace(SparkSession spark, Dataset<Row> answered) throws IOException {
        new ParquetFolder(settings).replace(spark, answered);
    }

    /** What the output holds once written: the folder's Parquet files, or the table. */
    public Dataset<Row> written(SparkSession spark) {
        return table != null ? spark.table(table.quotedName())
                : spark.read().parquet(settings.path());
    }

    /** Writes the answered rows: the one action that sends the requests. */
    public void write(Dataset<Row> answered) throws IOException {
        if (table != null) {
            table.write(answered);
        } else {
            new ParquetFolder(settings).write(answered, settings.path());
        }
    }
}
