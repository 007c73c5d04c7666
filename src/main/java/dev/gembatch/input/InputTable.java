package dev.gembatch.input;

import dev.gembatch.config.InputFormat;
import dev.gembatch.config.InputSettings;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the job's input table (CSV, Parquet or JSON lines) into a DataFrame. CSV columns are read
 * as strings, exactly as written in the file, so they reach the output unchanged; records the
 * reader cannot parse are kept and set apart (see {@link InputRows}), never dropped.
 */
public final class InputTable {
    /** Hidden column the CSV and JSON readers fill with the raw text of a record they cannot parse. */
    static final String MALFORMED = "_gembatch_malformed_record";

    private InputTable() {
    }

    /** Every input row (malformed records included, with what could be parsed of them). */
    public static Dataset<Row> read(SparkSession spark, InputSettings in)
            throws InvalidInputException {
        return open(spark, in, List.of()).all();
    }

    /**
     * The input rows, split into rows to answer and rows that cannot be sent; {@code promptColumns}
     * are the columns the prompt reads (checked for text that was not decodable).
     */
    public static InputRows open(SparkSession spark, InputSettings in, List<String> promptColumns)
            throws InvalidInputException {
        InputFormat format = resolveFormat(spark.sparkContext().hadoopConfiguration(), in);
        Dataset<Row> raw;
        try {
            raw = load(spark, in, format);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException is checked but undeclared
            throw problem("input.path: '" + in.path() + "' cannot be read as "
                    + format.name().toLowerCase(Locale.ROOT) + ": " + firstLine(e.getMessage()));
        }
        return InputRows.split(raw, in, format, promptColumns);
    }

    /**
     * The first {@code n} rows of the input, read in this JVM without Spark, exactly as Spark
     * would read them, or null when that takes Spark: an input other than one CSV file with a
     * header on the local file system (alone, or the only data file directly in its directory),
     * or first rows Spark would do more than read (see {@link CsvHead}). A path that does not
     * exist or holds stray files is refused as {@link #open} refuses it.
     */
    public static FirstRows firstRows(Configuration conf, InputSettings in, int n)
            throws InvalidInputException {
        return resolveFormat(conf, in) == InputFormat.CSV ? csvFirstRows(conf, in, n) : null;
    }

    /** {@link #firstRows} of an input {@link #open} has already resolved as CSV. */
    static FirstRows csvFirstRows(Configuration conf, InputSettings in, int n)
            throws InvalidInputException {
        if (!in.csv().header()) {
            return null;
        }
        Path path = new Path(in.path());
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!"file".equals(fs.getScheme())) {
                return null;
            }
            Path file = path;
            if (fs.getFileStatus(path).isDirectory()) {
                List<String> files = InputFiles.under(fs, path).files();
                if (files.size() != 1 || files.get(0).contains("/")) {
                    return null; // several files, or a partition folder's column to add
                }
                file = new Path(path, files.get(0));
            }
            return CsvHead.read(conf, file, in.csv(), n);
        } catch (IOException e) {
            throw problem("input.path: '" + in.path() + "' cannot be read as csv: "
                    + firstLine(e.getMessage()));
        }
    }

    private static Dataset<Row> load(SparkSession spark, InputSettings in, InputFormat format)
            throws InvalidInputException {
        return switch (format) {
            case CSV -> CsvInput.read(spark, in);
            case PARQUET -> spark.read().parquet(in.path());
            case JSON -> nonEmpty(spark.read().option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", MALFORMED).json(in.path()), in);
            case AUTO -> throw new IllegalStateException("format resolved above");
        };
    }

    private static Dataset<Row> nonEmpty(Dataset<Row> json, InputSettings in)
            throws InvalidInputException {
        List<String> names = List.of(json.columns());
        if (names.isEmpty() || names.equals(List.of(MALFORMED))) {
            throw problem("input.path: '" + in.path() + "' holds no JSON object"
                    + (names.isEmpty() ? " (it is empty)" : " (no line parses as JSON)")
                    + "; JSON input is one object per line");
        }
        return json;
    }

    /**
     * The configured format, or the one the path's extension (or its files') says. A directory
     * must hold only files of that format (see {@link InputFiles}); a single file is taken as
     * given.
     */
    static InputFormat resolveFormat(Configuration conf, InputSettings in)
            throws InvalidInputException {
        Path path = new Path(in.path());
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path)) {
                throw problem("input.path: '" + in.path() + "' does not exist");
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                return in.format() != InputFormat.AUTO ? in.format()
                        : byExtension(InputFiles.formatOf(path.getName()), in.path());
            }
            InputFiles files = InputFiles.under(fs, path);
            if (files.isEmpty()) {
                files.requireOnly(null, in.path());
                throw problem("input.path: '" + in.path() + "' is a directory without data files");
            }
            InputFormat format = in.format() != InputFormat.AUTO ? in.format()
                    : byExtension(files.knownFormat(), in.path());
            files.requireOnly(format, in.path());
            return format;
        } catch (IOException e) {
            throw problem("input.path: '" + in.path() + "' cannot be read: " + e.getMessage());
        }
    }

    private static InputFormat byExtension(InputFormat format, String path)
            throws InvalidInputException {
        if (format == null) {
            throw problem("input.format: cannot tell the format of '" + path
                    + "' from its extension; set input.format to csv, parquet or json");
        }
        return format;
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }

    static InvalidInputException problem(String text) {
        return new InvalidInputException(List.of(text));
    }
}
