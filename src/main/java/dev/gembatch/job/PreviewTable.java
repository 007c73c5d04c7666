package dev.gembatch.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The preview's terminal table: a row number, the key columns, status, tokens in/out, latency and
 * the answer (or the error message), each cell word-wrapped inside its column so the table fits
 * the terminal width.
 */
final class PreviewTable {
    static final int DEFAULT_WIDTH = 100;
    private static final int KEY_MAX = 24;
    private static final int KEY_MIN = 10;
    private static final int ANSWER_MIN = 30;
    private final List<String> keys;
    private final String prefix;
    private final int width;

    PreviewTable(List<String> keys, String prefix, int width) {
        this.keys = List.copyOf(keys);
        this.prefix = prefix;
        this.width = width;
    }

    /** The width from {@code $COLUMNS} (the launcher exports it on a terminal), else 100. */
    static int terminalWidth(String columns) {
        try {
            int w = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.strip());
            return w >= 60 ? w : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    String render(StructType schema, List<Row> rows) {
        List<String> headers = new ArrayList<>(List.of("#"));
        headers.addAll(keys);
        headers.addAll(List.of("status", "tokens in/out", "ms", "answer"));
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            cells.add(cells(schema, rows.get(i), i + 1));
        }
        int[] widths = widths(headers, cells);
        TextGrid grid = new TextGrid(widths);
        StringBuilder out = new StringBuilder(grid.rule());
        out.append(grid.row(headers)).append(grid.rule());
        for (List<String> row : cells) {
            out.append(grid.row(row)).append(grid.rule());
        }
        return out.toString();
    }

    private List<String> cells(StructType schema, Row row, int number) {
        List<String> cells = new ArrayList<>(List.of(String.valueOf(number)));
        for (String key : keys) {
            cells.add(text(row.get(schema.fieldIndex(key))));
        }
        String errorStatus = text(get(schema, row, "error_status"));
        cells.add(text(get(schema, row, "status"))
                + (errorStatus.isEmpty() ? "" : " " + errorStatus));
        cells.add(text(get(schema, row, "prompt_tokens")) + "/"
                + text(get(schema, row, "output_tokens")));
        cells.add(text(get(schema, row, "latency_ms")));
        Object answer = get(schema, row, "answer");
        cells.add(answer != null ? text(answer) : "(" + text(get(schema, row, "error_message"))
                + ")");
        return cells;
    }

    private Object get(StructType schema, Row row, String resultColumn) {
        return row.get(schema.fieldIndex(prefix + resultColumn));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Natural widths, key columns capped, the answer column taking what is left. */
    private int[] widths(List<String> headers, List<List<String>> cells) {
        int[] w = new int[headers.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = DisplayWidth.of(headers.get(c));
            for (List<String> row : cells) {
                w[c] = Math.max(w[c], DisplayWidth.of(row.get(c)));
            }
        }
        int answer = w.length - 1;
        int cap = KEY_MAX;
        do {
            for (int c = 1; c <= keys.size(); c++) {
                w[c] = Math.min(w[c], cap);
            }
            w[answer] = width - TextGrid.overhead(w.length) - sum(w, answer);
        } while (w[answer] < ANSWER_MIN && --cap >= KEY_MIN);
        w[answer] = Math.max(w[answer], ANSWER_MIN);
        return w;
    }

    private static int sum(int[] w, int upTo) {
        int s = 0;
        for (int i = 0; i < upTo; i++) {
            s += w[i];
        }
        return s;
    }
}
