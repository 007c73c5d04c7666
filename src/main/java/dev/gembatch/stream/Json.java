package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The package's one configured Jackson factory and mapper (immutable once built; chunks are read
 * with the factory's streaming parsers), and the tolerant field readers of the one tree reader
 * left, {@link ApiErrorReader}: a field of the wrong type reads as absent.
 */
final class Json {

    /** Strings up to 256 MiB: one event may carry a multi-megabyte image or a 16 MiB text. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(256 * 1024 * 1024).build())
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    /** The elements of an array field; empty when the field is absent or not an array. */
    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray() ? value : List.of();
    }

    static String text(JsonNode node, String field) {
        return text(node.get(field));
    }

    /** A scalar value as text; null for an absent value, JSON null, an object or an array. */
    static String text(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.intValue();
        }
        return value.isTextual() && value.asText().matches("-?\\d{1,9}")
                ? Integer.valueOf(value.asText()) : null;
    }
}
