package dev.gembatch.output;

import static dev.gembatch.model.ErrorStatus.INVALID_JSON;
import static dev.gembatch.model.ErrorStatus.SCHEMA_MISMATCH;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.model.ErrorStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Reads an answer text as one JSON value of a {@link SchemaNode} and converts it to Spark's
 * external values (String, Long or Integer, Double, Boolean, Seq, Row). Extra object properties
 * are ignored; an integral number written as 5.0 is an INTEGER; length and range limits
 * (minItems, minimum, ...) are not checked.
 */
final class JsonAnswer {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_SHOWN = 40;

    /** Why an answer has no value: not JSON (INVALID_JSON), not of the schema (SCHEMA_MISMATCH). */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final ErrorStatus errorStatus;

        Rejected(ErrorStatus errorStatus, String message) {
            super(message, null, false, false);
            this.errorStatus = errorStatus;
        }
    }

    private JsonAnswer() {
    }

    /** The value of {@code text} (one JSON value, nothing after it) as {@code schema} types it. */
    static Object read(SchemaNode schema, String text) throws Rejected {
        return convert(schema, parse(text), "$");
    }

    private static JsonNode parse(String text) throws Rejected {
        if (text == null || text.isBlank()) {
            throw new Rejected(INVALID_JSON, "not JSON: the answer is empty");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode value = JSON.readTree(parser);
            JsonLocation end = parser.currentLocation();
            if (!atEnd(parser)) {
                throw new Rejected(INVALID_JSON, "not JSON: more content follows the JSON"
                        + " value that ends at line " + end.getLineNr() + ", column "
                        + end.getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new Rejected(INVALID_JSON, "not JSON: " + e.getOriginalMessage()
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new Rejected(INVALID_JSON, "not JSON: " + e.getMessage());
        }
    }

    private static boolean atEnd(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null;
        } catch (JsonProcessingException garbage) {
            return false;
        }
    }

    private static String at(JsonLocation where) {
        return where == null ? "" : " (line " + where.getLineNr() + ", column "
                + where.getColumnNr() + ")";
    }

    private static Object convert(SchemaNode s, JsonNode v, String path) throws Rejected {
        if (v == null || v.isNull()) {
            if (s.nullable()) {
                return null;
            }
            throw mismatch(path, s, v);
        }
        return switch (s.kind()) {
            case STRING -> string(s, v, path);
            case INTEGER -> integer(s, v, path);
            case NUMBER -> v.isNumber() ? (Object) v.doubleValue() : fail(path, s, v);
            case BOOLEAN -> v.isBoolean() ? (Object) v.booleanValue() : fail(path, s, v);
            case ARRAY -> array(s, v, path);
            case OBJECT -> object(s, v, path);
        };
    }

    private static Object string(SchemaNode s, JsonNode v, String path) throws Rejected {
        if (!v.isTextual() || !s.allowed().isEmpty() && !s.allowed().contains(v.textValue())) {
            throw mismatch(path, s, v);
        }
        return v.textValue();
    }

    private static Object integer(SchemaNode s, JsonNode v, String path) throws Rejected {
        BigInteger whole;
        try {
            whole = v.isNumber() ? v.decimalValue().toBigIntegerExact() : null;
        } catch (ArithmeticException fraction) {
            whole = null;
        }
        if (whole == null || whole.bitLength() > (s.int32() ? 31 : 63)) {
            throw mismatch(path, s, v);
        }
        return s.int32() ? (Object) whole.intValue() : (Object) whole.longValue();
    }

    private static Object array(SchemaNode s, JsonNode v, String path) throws Rejected {
        if (!v.isArray()) {
            throw mismatch(path, s, v);
        }
        List<Object> values = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            values.add(convert(s.items(), v.get(i), path + "[" + i + "]"));
        }
        return JavaConverters.asScalaBuffer(values).toList();
    }

    private static Object object(SchemaNode s, JsonNode v, String path) throws Rejected {
        if (!v.isObject()) {
            throw mismatch(path, s, v);
        }
        Object[] values = new Object[s.properties().size()];
        for (int i = 0; i < values.length; i++) {
            SchemaNode.Property p = s.properties().get(i);
            String at = path + member(p.name());
            JsonNode value = v.get(p.name());
            if (value == null && s.required().contains(p.name())) {
                throw new Rejected(SCHEMA_MISMATCH, at + ": required property missing");
            }
            values[i] = value == null ? null : convert(p.schema(), value, at);
        }
        return RowFactory.create(values);
    }

    private static String member(String name) {
        return PLAIN_NAME.matcher(name).matches() ? "." + name
                : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static Object fail(String path, SchemaNode s, JsonNode v) throws Rejected {
        throw mismatch(path, s, v);
    }

    private static Rejected mismatch(String path, SchemaNode s, JsonNode v) {
        return new Rejected(SCHEMA_MISMATCH, path + ": expected " + expected(s) + ", got "
                + shown(v));
    }

    private static String expected(SchemaNode s) {
        if (!s.allowed().isEmpty()) {
            return "one of " + s.allowed();
        }
        String name = s.kind() == SchemaNode.Kind.INTEGER && s.int32() ? "INTEGER (int32)"
                : s.kind().name();
        return s.nullable() ? name + " or null" : name;
    }

    private static String shown(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isContainerNode()) {
            return v.isObject() ? "an object" : "an array";
        }
        String text = v.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
