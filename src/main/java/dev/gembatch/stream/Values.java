package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Tolerant reads of the value the parser is on, read exactly as a {@code JsonNode} tree would
 * read it (a value of the wrong type reads as absent, and an object or array is skipped to its
 * end): the streaming counterparts of {@link Json}'s tree readers, and the moves every
 * streaming reader here makes through objects and arrays.
 */
final class Values {

    private static final Pattern INT_TEXT = Pattern.compile("-?\\d{1,9}");

    private Values() {
    }

    /** A scalar as text (numbers and booleans as a tree node prints them); null otherwise. */
    static String text(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p).toString();
            default:
                p.skipChildren();
                return null;
        }
    }

    /** A number (narrowed like {@code JsonNode.intValue()}) or a string of up to 9 digits. */
    static Integer integer(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p).intValue();
            case VALUE_STRING:
                String text = p.getText();
                return INT_TEXT.matcher(text).matches() ? Integer.valueOf(text) : null;
            default:
                p.skipChildren();
                return null;
        }
    }

    /**
     * The number a tree node would hold: what the parser reports, except that a decimal (as a
     * replayed array element reports its floats) is normalised as the node factory does it.
     */
    private static Number number(JsonParser p) throws IOException {
        if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
            BigDecimal decimal = p.getDecimalValue();
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        return p.getNumberValue();
    }

    static Double decimal(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            default:
                p.skipChildren();
                return null;
        }
    }

    static Boolean bool(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                p.skipChildren();
                return null;
        }
    }

    /** True when the parser is on an object's start; any other value is skipped to its end. */
    static boolean isObject(JsonParser p) throws IOException {
        return is(p, JsonToken.START_OBJECT);
    }

    /** True when the parser is on an array's start; any other value is skipped to its end. */
    static boolean isArray(JsonParser p) throws IOException {
        return is(p, JsonToken.START_ARRAY);
    }

    private static boolean is(JsonParser p, JsonToken start) throws IOException {
        if (p.currentToken() == start) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    /**
     * Inside an object whose previous value was read to its end: moves to the next field's value
     * and returns true (its name is then {@code p.currentName()}), or returns false at the end.
     */
    static boolean nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        p.nextToken();
        return true;
    }

    /** Inside an array: moves to the next element and returns true, or returns false at the end. */
    static boolean nextElement(JsonParser p) throws IOException {
        return p.nextToken() != JsonToken.END_ARRAY;
    }
}
