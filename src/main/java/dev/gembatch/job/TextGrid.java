package dev.gembatch.job;

import java.util.ArrayList;
import java.util.List;

/**
 * An ASCII grid of fixed column widths (terminal columns) whose cells wrap at spaces; longer
 * words are cut.
 */
final class TextGrid {
    private final int[] widths;

    TextGrid(int[] widths) {
        this.widths = widths.clone();
    }

    /** Characters a grid of {@code columns} columns adds around the cells. */
    static int overhead(int columns) {
        return 3 * columns + 1;
    }

    String rule() {
        StringBuilder line = new StringBuilder("+");
        for (int w : widths) {
            line.append("-".repeat(w + 2)).append('+');
        }
        return line.append('\n').toString();
    }

    /** One table row: as many text lines as its tallest wrapped cell. */
    String row(List<String> cells) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < widths.length; c++) {
            wrapped.add(wrap(cells.get(c), widths[c]));
            height = Math.max(height, wrapped.get(c).size());
        }
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < height; line++) {
            out.append('|');
            for (int c = 0; c < widths.length; c++) {
                List<String> cell = wrapped.get(c);
                String text = line < cell.size() ? cell.get(line) : "";
                out.append(' ').append(text)
                        .append(" ".repeat(Math.max(0, widths[c] - DisplayWidth.of(text))))
                        .append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Lines of at most {@code width} columns; line breaks and tabs are kept as spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ')
                .split(" +")) {
            int room = width - DisplayWidth.of(line.toString()) - (line.isEmpty() ? 0 : 1);
            if (!line.isEmpty() && DisplayWidth.of(word) > room) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (DisplayWidth.of(rest) > width) {
                String head = DisplayWidth.prefix(rest, width);
                lines.add(head);
                rest = rest.substring(head.length());
            }
            line.append(line.isEmpty() ? "" : " ").append(rest);
        }
        lines.add(line.toString());
        return lines;
    }
}
