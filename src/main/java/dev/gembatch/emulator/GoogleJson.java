package dev.gembatch.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree the way Google's front end does: compact with {@code ": "} after keys and
 * {@code ,} between members (SSE events), or pretty-printed with 2 spaces (array stream, unary,
 * errors). Strings keep raw UTF-8 and escape {@code <} and {@code >} as {@code \u003c}/{@code \u003e}.
 */
final class GoogleJson {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private GoogleJson() {
    }

    /** {@code {"a": 1,"b": [{"c": "x"}]}}. */
    static String compact(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out, -1);
        return out.toString();
    }

    /** 2-space pretty JSON without a trailing newline. */
    static String pretty(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out, 0);
        return out.toString();
    }

    /** Writes a node; depth < 0 means compact. */
    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject()) {
            writeObject(node, out, depth);
        } else if (node.isArray()) {
            writeArray(node, out, depth);
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, int depth) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            separate(out, depth, first);
            first = false;
            quote(field.getKey(), out);
            out.append(": ");
            write(field.getValue(), out, depth < 0 ? -1 : depth + 1);
        }
        close(out, depth, '}');
    }

    private static void writeArray(JsonNode node, StringBuilder out, int depth) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (JsonNode element : node) {
            separate(out, depth, first);
            first = false;
            write(element, out, depth < 0 ? -1 : depth + 1);
        }
        close(out, depth, ']');
    }

    private static void separate(StringBuilder out, int depth, boolean first) {
        if (!first) {
            out.append(',');
        }
        if (depth >= 0) {
            out.append('\n');
            indent(out, depth + 1);
        }
    }

    private static void close(StringBuilder out, int depth, char bracket) {
        if (depth >= 0) {
            out.append('\n');
            indent(out, depth);
        }
        out.append(bracket);
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        int start = out.length();
        ENCODER.quoteAsString(text, out);
        for (int i = start; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '<' || c == '>') {
                out.replace(i, i + 1, c == '<' ? "\\u003c" : "\\u003e");
                i += 5;
            }
        }
        out.append('"');
    }
}
