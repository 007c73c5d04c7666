package dev.gembatch.input;

import dev.gembatch.config.CsvSettings;
import dev.gembatch.config.InputFormat;
import dev.gembatch.config.InputSettings;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the job's input table (CSV, Parquet or JSON lines) into a DataFrame. CSV columns are read
 * as strings, exactly as written in the file, so they reach the output unchanged.
 */
public final class InputTable {
    private InputTable() {
    }

    /** The input rows; fails with a message naming {@code input.path} when it cannot be read. */
    public static Dataset<Row> read(SparkSession spark, InputSettings in)
            throws InvalidInputException {
        InputFormat format = resolveFormat(spark, in);
        DataFrameReader reader = spark.read();
        return switch (format) {
            case CSV -> csv(reader, in.csv()).csv(in.path());
            case PARQUET -> reader.parquet(in.path());
            case JSON -> reader.json(in.path());
            case AUTO -> throw new IllegalStateException("format resolved above");
        };
    }

    private static DataFrameReader csv(DataFrameReader reader, CsvSettings csv) {
        return reader
                .option("header", csv.header())
                .option("sep", csv.delimiter())
                .option("quote", csv.quote())
                .option("escape", csv.escape())
                .option("multiLine", csv.multiline())
                .option("encoding", csv.encoding())
                .option("inferSchema", false)
                .option("mode", "PERMISSIVE");
    }

    /** The configured format, or the one the path's extension (or its files') says. */
    static InputFormat resolveFormat(SparkSession spark, InputSettings in)
            throws InvalidInputException {
        Path path = new Path(in.path());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw problem("input.path: '" + in.path() + "' does not exist");
            }
            if (in.format() != InputFormat.AUTO) {
                return in.format();
            }
            FileStatus status = fs.getFileStatus(path);
            String name = status.isDirectory() ? firstDataFile(fs, path) : path.getName();
            return byExtension(name, in.path());
        } catch (IOException e) {
            throw problem("input.path: '" + in.path() + "' cannot be read: " + e.getMessage());
        }
    }

    private static String firstDataFile(FileSystem fs, Path dir) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            String n = f.getPath().getName();
            if (f.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
                return n;
            }
        }
        return "";
    }

    private static InputFormat byExtension(String fileName, String path)
            throws InvalidInputException {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
            return InputFormat.CSV;
        }
        if (n.endsWith(".parquet")) {
            return InputFormat.PARQUET;
        }
        if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return InputFormat.JSON;
        }
        throw problem("input.format: cannot tell the format of '" + path
                + "' from its extension; set input.format to csv, parquet or json");
    }

    private static InvalidInputException problem(String text) {
        return new InvalidInputException(List.of(text));
    }
}
