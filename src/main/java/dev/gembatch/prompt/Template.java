package dev.gembatch.prompt;

import dev.gembatch.config.TemplateSyntax;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * A parsed {{column}} template; values are inserted literally, never re-expanded ({{x}} inside a
 * value stays as it is).
 */
public final class Template implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Alternating literal text (even indexes) and placeholder names (odd indexes). */
    private final List<String> pieces;
    private final List<String> columns;

    private Template(List<String> pieces) {
        this.pieces = pieces;
        this.columns = TemplateSyntax.names(pieces);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong and at which line and column
     */
    public static Template parse(String text) {
        return new Template(TemplateSyntax.split(text));
    }

    /** Placeholder names in order of first appearance, without repeats. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The text with every placeholder replaced by {@code valueOf(name)} (null inserts nothing).
     * Null when the template has placeholders and all of them are null or blank: the row has no
     * prompt.
     */
    public String render(Function<String, String> valueOf) {
        StringBuilder text = new StringBuilder();
        boolean anyValue = columns.isEmpty();
        for (int i = 0; i < pieces.size(); i++) {
            if (i % 2 == 0) {
                text.append(pieces.get(i));
                continue;
            }
            String value = valueOf.apply(pieces.get(i));
            if (value != null) {
                anyValue |= !value.isBlank();
                text.append(value);
            }
        }
        return anyValue ? text.toString() : null;
    }

    @Override
    public String toString() {
        return "Template" + columns;
    }
}
