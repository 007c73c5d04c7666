package dev.gembatch.input;

import dev.gembatch.config.CsvSettings;
import dev.gembatch.config.InputSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a CSV input in two passes: the header record alone, read as written (its values are the
 * column names, a UTF-8 byte order mark removed from the first), then the rows against that
 * schema plus a hidden column in which Spark's PERMISSIVE mode keeps the raw text of each record
 * whose field count differs from the header's. The header's names are taken as they are, so
 * Spark's own header pass (a third read) is not needed.
 */
final class CsvInput {
    private static final char BOM = '\uFEFF';

    private CsvInput() {
    }

    static Dataset<Row> read(SparkSession spark, InputSettings in) throws InvalidInputException {
        StructType columns = in.csv().header() ? header(spark, in)
                : reader(spark, in.csv()).csv(in.path()).schema();
        if (columns.fields().length == 0) {
            throw InputTable.problem("input.path: '" + in.path() + "' is empty (not even a header"
                    + " line); a CSV input needs at least its header");
        }
        return reader(spark, in.csv())
                .option("columnNameOfCorruptRecord", InputTable.MALFORMED)
                .schema(columns.add(InputTable.MALFORMED, DataTypes.StringType))
                .csv(in.path());
    }

    /**
     * The header's columns: read in this JVM when the input is one local file whose header
     * Spark would take as it is (see {@link InputTable#firstRows}), else by a Spark job.
     */
    private static StructType header(SparkSession spark, InputSettings in)
            throws InvalidInputException {
        FirstRows local = InputTable.csvFirstRows(spark.sparkContext().hadoopConfiguration(),
                in, 0);
        return local != null ? local.schema() : headerColumns(spark, in);
    }

    /**
     * The string columns the header record names (none for an empty input), read as it is
     * written with the job's CSV options. Refuses a header whose names Spark would rename
     * (duplicates, case aside, become {@code id0, id2}; empty ones {@code _c2}): the output
     * would lose the input's column names. Only the record's own fields are names: Spark
     * appends the columns of partition folders ({@code lang=fr/}) to every row, and adds them
     * to the rows' schema by itself.
     */
    static StructType headerColumns(SparkSession spark, InputSettings in)
            throws InvalidInputException {
        Dataset<Row> records = reader(spark, in.csv()).option("header", false).csv(in.path());
        List<Row> first = records.limit(1).collectAsList();
        if (first.isEmpty()) {
            return new StructType();
        }
        Row header = first.get(0);
        int fields = fieldCount(records.schema());
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            values.add(header.isNullAt(i) ? null : header.getString(i));
        }
        List<String> names = headerNames(values);
        List<String> problems = headerProblems(names);
        if (!problems.isEmpty()) {
            throw InputTable.problem("input.path: the CSV header of '" + in.path() + "' "
                    + String.join("; ", problems) + ": every column needs a name of its own"
                    + " (Spark would rename them, and the output would not keep the input's"
                    + " names); fix the header line");
        }
        return stringColumns(names);
    }

    /** A string column of each name, in order: how every CSV column is read. */
    static StructType stringColumns(List<String> names) {
        StructType columns = new StructType();
        for (String name : names) {
            columns = columns.add(name, DataTypes.StringType);
        }
        return columns;
    }

    /**
     * How many of {@code schema}'s columns are the records' own fields, which Spark names
     * {@code _c0, _c1...} when there is no header; the partition columns follow them.
     */
    private static int fieldCount(StructType schema) {
        int n = 0;
        while (n < schema.fields().length && schema.fields()[n].name().equals("_c" + n)) {
            n++;
        }
        return n;
    }

    /** The names a header record's values give: null as "", a leading byte order mark dropped. */
    static List<String> headerNames(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            names.add(value == null ? "" : value);
        }
        if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BOM) {
            names.set(0, names.get(0).substring(1));
        }
        return names;
    }

    /** Duplicate (case-insensitive) and empty names of a header record, by 1-based position. */
    static List<String> headerProblems(List<String> names) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                empty.add(i + 1);
            } else {
                positions.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(i + 1);
            }
        }
        List<String> problems = new ArrayList<>();
        positions.forEach((name, at) -> {
            if (at.size() > 1) {
                problems.add("repeats the name '" + names.get(at.get(0) - 1).strip()
                        + "' at positions " + joined(at));
            }
        });
        if (!empty.isEmpty()) {
            problems.add("has no name at position" + (empty.size() > 1 ? "s " : " ")
                    + joined(empty));
        }
        return problems;
    }

    private static String joined(List<Integer> at) {
        return at.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static DataFrameReader reader(SparkSession spark, CsvSettings csv) {
        return spark.read().options(sparkOptions(csv));
    }

    /**
     * Spark's CSV reader options for the job's settings: what Spark reads with, and what {@link
     * CsvHead} reads a file's first records with when it reads them without Spark.
     */
    static Map<String, String> sparkOptions(CsvSettings csv) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("header", String.valueOf(csv.header()));
        options.put("sep", csv.delimiter());
        options.put("quote", csv.quote());
        options.put("escape", csv.escape());
        options.put("multiLine", String.valueOf(csv.multiline()));
        options.put("encoding", csv.encoding());
        options.put("inferSchema", "false");
        options.put("mode", "PERMISSIVE");
        return options;
    }
}
