package dev.gembatch.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-part table name as Spark SQL writes it: parts separated by dots, a part holding dots
 * or other characters quoted in backticks (a backtick inside doubled), e.g.
 * {@code lake.nightly.labels} or {@code lake.`my.db`.labels}.
 */
public record TableName(List<String> parts) {

    public TableName {
        parts = List.copyOf(parts);
    }

    /**
     * The parts of {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong (an empty part, an open backtick)
     */
    public static TableName parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`' && quoted && i + 1 < text.length() && text.charAt(i + 1) == '`') {
                part.append('`');
                i++;
            } else if (c == '`') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == '.' && !quoted) {
                parts.add(checked(part.toString().strip(), wasQuoted));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a backtick is not closed");
        }
        parts.add(checked(part.toString().strip(), wasQuoted));
        return new TableName(parts);
    }

    private static String checked(String part, boolean quoted) {
        if (part.isEmpty() && !quoted) {
            throw new IllegalArgumentException("a part of the name is empty");
        }
        return part;
    }

    /** The name with every part quoted in backticks, as Spark SQL reads it back. */
    public String quoted() {
        return String.join(".", parts.stream().map(TableName::quote).toList());
    }

    /** The name as people read it: the parts joined by dots. */
    @Override
    public String toString() {
        return String.join(".", parts);
    }

    /** One part quoted in backticks. */
    public static String quote(String part) {
        return "`" + part.replace("`", "``") + "`";
    }
}
