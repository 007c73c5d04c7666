package dev.gembatch.pipeline;

import dev.gembatch.prompt.CellText;
import dev.gembatch.report.RunCounters;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The two things every path that emits output rows shares: an output row is the first
 * {@code width} cells of its input row followed by the result values, and the row key that names
 * a row in the report is its {@code input.id-column} cell as prompt text, or null. Public for
 * the paths outside this package that emit output rows.
 */
public final class OutputRows {
    private OutputRows() {
    }

    /** The first {@code width} cells of {@code input}, then {@code result}. */
    public static Row of(Row input, int width, Object[] result) {
        Object[] values = new Object[width + result.length];
        for (int i = 0; i < width; i++) {
            values[i] = input.get(i);
        }
        System.arraycopy(result, 0, values, width, result.length);
        return RowFactory.create(values);
    }

    /** The report key of a row that carries its schema, or null without an id column. */
    public static String key(RunCounters counters, Row row) {
        String column = counters.keyColumn();
        return column == null ? null : CellText.of(row.get(row.fieldIndex(column)));
    }
}
