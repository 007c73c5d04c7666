package dev.gembatch.input;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.gembatch.config.InputFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark expression that says why a CSV or JSON row cannot be sent, or null when it can: the
 * record did not parse (its raw text is quoted, cut at {@value #SAMPLE_CHARS} characters), or a
 * column the prompt reads holds U+FFFD, the character a decoder puts in place of bytes that are
 * not valid in the input's character set.
 */
final class InvalidReasons {
    static final int SAMPLE_CHARS = 200;
    private static final String REPLACEMENT = "\uFFFD";

    private InvalidReasons() {
    }

    /** The reason expression, or null when no row of this schema can be invalid. */
    static Column of(StructType schema, InputFormat format, String encoding,
                     List<String> promptColumns) {
        List<Column> reasons = new ArrayList<>();
        List<String> names = Arrays.asList(schema.fieldNames());
        if (names.contains(InputTable.MALFORMED)) {
            reasons.add(malformed(format, names.size() - 1));
        }
        for (StructField f : schema.fields()) {
            if (promptColumns.contains(f.name()) && f.dataType().equals(DataTypes.StringType)) {
                reasons.add(undecodable(f.name(), format, encoding));
            }
        }
        return reasons.isEmpty() ? null : coalesce(reasons.toArray(Column[]::new));
    }

    private static Column malformed(InputFormat format, int columns) {
        Column raw = InputRows.col(InputTable.MALFORMED);
        String what = format == InputFormat.CSV
                ? "malformed CSV record (its field count is not the header's " + columns + "): "
                : "malformed JSON line (not a JSON object): ";
        return when(raw.isNotNull(), concat(lit(what), substring(raw, 1, SAMPLE_CHARS)));
    }

    private static Column undecodable(String column, InputFormat format, String encoding) {
        String fix = format == InputFormat.CSV
                ? "set input.csv.encoding to the file's character set"
                : "JSON input must be UTF-8";
        return when(InputRows.col(column).contains(REPLACEMENT),
                lit("column '" + column + "' holds bytes that are not valid " + encoding
                        + " (read as U+FFFD); " + fix));
    }
}
