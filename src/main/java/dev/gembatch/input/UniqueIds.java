package dev.gembatch.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks that {@code input.id-column} is a key: no null and no repeated value. One aggregation
 * over the input (no request is involved), which counts its rows too; a second, limited one
 * only to name examples.
 */
final class UniqueIds {
    private static final int EXAMPLES = 3;

    private UniqueIds() {
    }

    /** The rows of the input and what is wrong with its keys (nothing: an empty list). */
    record Checked(long rows, List<String> problems) {
    }

    static Checked check(Dataset<Row> rows, String idColumn) {
        Column id = InputRows.col(idColumn);
        Dataset<Row> counts = rows.groupBy(id.as("id")).count();
        Column repeated = col("id").isNotNull().and(col("count").gt(1));
        Row totals = counts.agg(
                sum(when(repeated, 1).otherwise(0)),
                sum(when(col("id").isNull(), col("count")).otherwise(0)),
                sum(col("count"))).first();
        long repeatedValues = totals.isNullAt(0) ? 0 : totals.getLong(0);
        long nullRows = totals.isNullAt(1) ? 0 : totals.getLong(1);
        long all = totals.isNullAt(2) ? 0 : totals.getLong(2);
        List<String> problems = new ArrayList<>();
        if (repeatedValues > 0) {
            problems.add("input.id-column: column '" + idColumn + "' must hold a unique key, but "
                    + repeatedValues + " value(s) occur more than once ("
                    + examples(counts.where(repeated)) + "); make it unique or unset"
                    + " input.id-column");
        }
        if (nullRows > 0) {
            problems.add("input.id-column: column '" + idColumn + "' is null in " + nullRows
                    + " row(s); every row needs a key, or unset input.id-column");
        }
        return new Checked(all, problems);
    }

    private static String examples(Dataset<Row> repeated) {
        return repeated.orderBy(desc("count"), col("id")).limit(EXAMPLES).collectAsList().stream()
                .map(r -> "'" + r.get(0) + "' in " + r.getLong(1) + " rows")
                .collect(Collectors.joining(", ", "e.g. ", ""));
    }
}
