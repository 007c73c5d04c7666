package dev.gembatch.input;

import com.univocity.parsers.csv.CsvParser;
import dev.gembatch.config.CsvSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The header and first records of one CSV file, read in this JVM without Spark, as Spark's CSV
 * reader reads them with the job's options ({@link CsvInput}): parsed by the univocity settings
 * Spark's own {@link CSVOptions} make of those options, the file read as one stream when {@code
 * multiline} and line by line (blank lines skipped) when not; the first record names the string
 * columns (a byte order mark before it dropped), an empty field is null. A compressed file is
 * read through its Hadoop codec. Says nothing (null) where Spark would do more than read: a
 * header Spark would rename, or a record whose field count differs from the header's, which
 * Spark keeps as a malformed record.
 */
final class CsvHead {
    private CsvHead() {
    }

    /** At most {@code n} rows after the header of {@code file}, or null (see above). */
    static FirstRows read(Configuration conf, Path file, CsvSettings csv, int n)
            throws IOException {
        CSVOptions options = options(csv);
        FileSystem fs = file.getFileSystem(conf);
        try (Records records = new Records(open(fs, conf, file), options)) {
            String[] header = records.next();
            if (header == null) {
                return null;
            }
            List<String> names = CsvInput.headerNames(Arrays.asList(header));
            if (!CsvInput.headerProblems(names).isEmpty()) {
                return null;
            }
            StructType schema = CsvInput.stringColumns(names);
            List<Row> rows = new ArrayList<>();
            while (rows.size() < n) {
                String[] record = records.next();
                if (record == null) {
                    break;
                }
                if (record.length != names.size()) {
                    return null;
                }
                rows.add(new GenericRowWithSchema(nullForEmpty(record), schema));
            }
            return new FirstRows(schema, List.copyOf(rows));
        }
    }

    /** The file's bytes, decompressed by the Hadoop codec its name says, if any. */
    private static InputStream open(FileSystem fs, Configuration conf, Path file)
            throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        InputStream raw = fs.open(file);
        if (codec == null) {
            return raw;
        }
        try {
            return codec.createInputStream(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The records of a file, one at a time, as Spark's reader splits and parses them. */
    private static final class Records implements AutoCloseable {
        private final CsvParser parser;
        private final InputStream in;
        private final BufferedReader lines;

        Records(InputStream in, CSVOptions options) {
            this.in = in;
            this.parser = new CsvParser(options.asParserSettings());
            if (options.multiLine()) {
                parser.beginParsing(in, options.charset());
                lines = null;
            } else {
                lines = new BufferedReader(
                        new InputStreamReader(in, Charset.forName(options.charset())));
            }
        }

        String[] next() throws IOException {
            if (lines == null) {
                return parser.parseNext();
            }
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.trim().isEmpty()) {
                    return parser.parseLine(line);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            if (lines == null) {
                parser.stopParsing();
            }
            in.close();
        }
    }

    /** Spark's value of each field: null for an empty one (its default null value is ""). */
    private static Object[] nullForEmpty(String[] record) {
        Object[] values = new Object[record.length];
        for (int i = 0; i < record.length; i++) {
            values[i] = record[i] == null || record[i].isEmpty() ? null : record[i];
        }
        return values;
    }

    /** Spark's CSV options for the job's settings, those {@link CsvInput} gives Spark. */
    private static CSVOptions options(CsvSettings csv) {
        return new CSVOptions(scalaMap(CsvInput.sparkOptions(csv)), false, "UTC");
    }

    /**
     * An immutable Scala map of {@code given}, built the same way on Scala 2.12 and 2.13 (whose
     * {@code updated} declares the wider {@code MapOps}, though it returns a map as well).
     */
    @SuppressWarnings("unchecked")
    private static scala.collection.immutable.Map<String, String> scalaMap(
            Map<String, String> given) {
        scala.collection.immutable.Map<String, String> map =
                scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> e : given.entrySet()) {
            Object next = map.updated(e.getKey(), e.getValue());
            map = (scala.collection.immutable.Map<String, String>) next;
        }
        return map;
    }
}
