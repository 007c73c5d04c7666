package dev.gembatch.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code {{column}}} grammar, shared by validation here and rendering in {@code prompt}:
 * {@code {{} opens a placeholder that the next {@code }}} closes; the name between them is
 * trimmed and must be non-empty without braces or line breaks. Everything else is literal text.
 */
public final class TemplateSyntax {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private TemplateSyntax() {
    }

    /** The placeholder names of split {@code pieces}, in order of first appearance, no repeats. */
    public static List<String> names(List<String> pieces) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < pieces.size(); i += 2) {
            names.add(pieces.get(i));
        }
        return List.copyOf(names);
    }

    /**
     * Splits a template into literal text and placeholder names, alternating: even indexes are
     * literals (possibly empty), odd indexes are names; the list has an odd size.
     *
     * @throws IllegalArgumentException naming the problem and its line and column
     */
    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        int open = text.indexOf(OPEN);
        while (open >= 0) {
            pieces.add(text.substring(from, open));
            int close = text.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("unclosed {{ at " + where(text, open));
            }
            pieces.add(name(text, open, close));
            from = close + CLOSE.length();
            open = text.indexOf(OPEN, from);
        }
        pieces.add(text.substring(from));
        return List.copyOf(pieces);
    }

    private static String name(String text, int open, int close) {
        String raw = text.substring(open + OPEN.length(), close);
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty placeholder {{}} at " + where(text, open));
        }
        if (raw.indexOf('{') >= 0 || raw.indexOf('}') >= 0 || raw.indexOf('\n') >= 0
                || raw.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("placeholder at " + where(text, open)
                    + " is not closed before the next brace or line break");
        }
        return name;
    }

    private static String where(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }
}
