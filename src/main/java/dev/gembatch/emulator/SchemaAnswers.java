package dev.gembatch.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The answer of a JSON-mode request ({@code responseMimeType = application/json} with a
 * {@code responseSchema}): a deterministic JSON value of the schema (same model, prompt, schema
 * and candidate give the same text). Every property is present and nothing is null; strings are
 * enum values, dates, or words with quotes, backslashes and multi-byte characters; numbers stay
 * within minimum/maximum (else 0..100); arrays have minItems..minItems+2 elements (at least 1).
 * For the {@code schema-mismatch} scenario the first leaf (first property, first element, ...)
 * gets a value of the wrong type.
 */
final class SchemaAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long LIMIT = 1_000_000_000L;

    private final SplittableRandom random;

    private SchemaAnswers(SplittableRandom random) {
        this.random = random;
    }

    /** The answer text of candidate {@code index}; {@code broken} puts one wrongly typed leaf in. */
    static String jsonFor(String model, String promptText, int index, JsonNode schema,
                          boolean broken) {
        byte[] digest = EmulatorAnswers.digest("json", model, promptText + schema, index);
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest).getLong());
        try {
            return JSON.writeValueAsString(new SchemaAnswers(random).value(schema, broken));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated JSON tree cannot be written", e);
        }
    }

    private JsonNode value(JsonNode schema, boolean broken) {
        String type = schema.path("type").asText().toUpperCase(Locale.ROOT);
        if (type.equals("OBJECT")) {
            return object(schema, broken);
        }
        if (type.equals("ARRAY")) {
            return array(schema, broken);
        }
        if (broken) {
            return type.equals("STRING") ? NODES.numberNode(42) : NODES.textNode("mismatch");
        }
        return switch (type) {
            case "INTEGER" -> NODES.numberNode(random.nextLong(low(schema), high(schema) + 1));
            case "NUMBER" -> NODES.numberNode(Math.round(random.nextDouble(low(schema),
                    high(schema) + 1e-9) * 100) / 100.0);
            case "BOOLEAN" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(string(schema));
        };
    }

    private ObjectNode object(JsonNode schema, boolean broken) {
        ObjectNode object = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        boolean first = true;
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> p = properties.next();
            object.set(p.getKey(), value(p.getValue(), broken && first));
            first = false;
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, boolean broken) {
        int min = Math.max(1, schema.path("minItems").asInt(1));
        int max = schema.has("maxItems") ? Math.max(min, schema.get("maxItems").asInt()) : min + 2;
        int size = random.nextInt(min, Math.min(max, min + 2) + 1);
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(value(schema.path("items"), broken && i == 0));
        }
        return array;
    }

    private String string(JsonNode schema) {
        JsonNode allowed = schema.path("enum");
        if (allowed.isArray() && !allowed.isEmpty()) {
            return allowed.get(random.nextInt(allowed.size())).asText();
        }
        String format = schema.path("format").asText();
        String date = String.format(Locale.ROOT, "2025-%02d-%02d", random.nextInt(1, 13),
                random.nextInt(1, 29));
        if (format.equals("date")) {
            return date;
        }
        if (format.equals("date-time")) {
            return date + String.format(Locale.ROOT, "T%02d:%02d:00Z", random.nextInt(24),
                    random.nextInt(60));
        }
        String[] words = EmulatorAnswers.WORDS;
        return words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
    }

    private static long low(JsonNode schema) {
        return clamp(schema.path("minimum").asLong(0));
    }

    private static long high(JsonNode schema) {
        return Math.max(low(schema), clamp(schema.path("maximum").asLong(100)));
    }

    /** Within ±10^9, so every generated INTEGER also fits int32. */
    private static long clamp(long value) {
        return Math.max(-LIMIT, Math.min(LIMIT, value));
    }
}
