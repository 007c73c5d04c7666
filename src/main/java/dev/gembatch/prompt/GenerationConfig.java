package dev.gembatch.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.config.GenerationSettings;

/** The {@code generationConfig} object: only non-null settings, in a fixed order, camelCase. */
final class GenerationConfig {
    private GenerationConfig() {
    }

    static ObjectNode toJson(ObjectMapper mapper, GenerationSettings g) {
        ObjectNode json = mapper.createObjectNode();
        putIfSet(json, "temperature", g.temperature());
        putIfSet(json, "topP", g.topP());
        putIfSet(json, "topK", g.topK());
        putIfSet(json, "candidateCount", g.candidateCount());
        putIfSet(json, "maxOutputTokens", g.maxOutputTokens());
        if (g.stopSequences() != null) {
            g.stopSequences().forEach(json.putArray("stopSequences")::add);
        }
        putIfSet(json, "responseMimeType", g.responseMimeType());
        if (g.responseSchemaJson() != null) {
            json.set("responseSchema", object(mapper, g.responseSchemaJson(), "response schema"));
        }
        putIfSet(json, "seed", g.seed());
        putIfSet(json, "presencePenalty", g.presencePenalty());
        putIfSet(json, "frequencyPenalty", g.frequencyPenalty());
        if (g.hasThinking()) {
            ObjectNode thinking = json.putObject("thinkingConfig");
            putIfSet(thinking, "thinkingBudget", g.thinkingBudget());
            putIfSet(thinking, "includeThoughts", g.includeThoughts());
            putIfSet(thinking, "thinkingLevel", g.thinkingLevel());
        }
        return json;
    }

    /** Parses a JSON object given as text. */
    static ObjectNode object(ObjectMapper mapper, String json, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException(what + " must be a JSON object");
    }

    private static void putIfSet(ObjectNode json, String name, Object value) {
        if (value instanceof Double d) {
            json.put(name, d);
        } else if (value instanceof Integer i) {
            json.put(name, i);
        } else if (value instanceof Long l) {
            json.put(name, l);
        } else if (value instanceof Boolean b) {
            json.put(name, b);
        } else if (value instanceof String text) {
            json.put(name, text);
        }
    }
}
