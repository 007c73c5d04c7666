package dev.gembatch.input;

import dev.gembatch.config.InputFormat;
import dev.gembatch.config.InputSettings;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The input split in two, with no row lost: {@code valid} rows are answered; {@code invalid} rows
 * (malformed records, prompt text that was not decodable) cannot be sent and carry one more
 * column, {@link #REASON}, saying why. Both have {@code all}'s columns; {@code invalid} is null
 * when the format cannot produce such rows. Each is a lazy plan over the input files.
 * {@code count} is the number of rows of {@code all} when a check has counted them, else -1.
 */
public record InputRows(Dataset<Row> all, Dataset<Row> valid, Dataset<Row> invalid, long count) {
    /** Name of the last column of {@code invalid}: why the row cannot be sent. */
    public static final String REASON = "_gembatch_invalid_reason";

    /** Rows not counted yet. */
    public InputRows(Dataset<Row> all, Dataset<Row> valid, Dataset<Row> invalid) {
        this(all, valid, invalid, -1);
    }

    /** The same rows, known to be {@code count}. */
    public InputRows counted(long count) {
        return new InputRows(all, valid, invalid, count);
    }

    /** The number of rows of {@code all}: the one counted, or a count now (a Spark job). */
    public long rows() {
        return count >= 0 ? count : all.count();
    }

    /** The input's columns, as they reach the output. */
    public StructType schema() {
        return all.schema();
    }

    static InputRows split(Dataset<Row> raw, InputSettings in, InputFormat format,
                           List<String> promptColumns) {
        List<String> names = Arrays.asList(raw.columns());
        Column[] data = names.stream().filter(n -> !n.equals(InputTable.MALFORMED))
                .map(InputRows::col).toArray(Column[]::new);
        Dataset<Row> all = raw.select(data);
        if (format == InputFormat.PARQUET) {
            return new InputRows(all, all, null);
        }
        String encoding = format == InputFormat.CSV ? in.csv().encoding() : "UTF-8";
        Column reason = InvalidReasons.of(raw.schema(), format, encoding, promptColumns);
        if (reason == null) {
            return new InputRows(all, all, null);
        }
        Column[] withReason = Arrays.copyOf(data, data.length + 1);
        withReason[data.length] = reason.as(REASON);
        return new InputRows(all, raw.where(reason.isNull()).select(data),
                raw.where(reason.isNotNull()).select(withReason));
    }

    /** A column by its exact name (dots and backticks in CSV headers are not paths). */
    static Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }
}
