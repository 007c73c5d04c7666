package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the chunks of a planned stream into one generateContent response: per candidate index the
 * thought text and the answer text become one part each, the last finish reason, safety ratings
 * and citations win, and usage, modelVersion and responseId come from the last chunk.
 */
final class UnaryMerger {
    private UnaryMerger() {
    }

    static ObjectNode merge(List<ObjectNode> events) {
        ObjectNode result = events.get(events.size() - 1).deepCopy();
        if (!result.has("candidates")) {
            return result;
        }
        Map<Integer, Folded> byIndex = new TreeMap<>();
        for (ObjectNode event : events) {
            for (JsonNode candidate : event.path("candidates")) {
                byIndex.computeIfAbsent(candidate.path("index").asInt(0), i -> new Folded()).add(candidate);
            }
        }
        ArrayNode candidates = EventFactory.array();
        byIndex.forEach((index, folded) -> candidates.add(folded.toCandidate(index)));
        result.set("candidates", candidates);
        return result;
    }

    /** What one candidate index accumulates across chunks. */
    private static final class Folded {
        private final StringBuilder thought = new StringBuilder();
        private final StringBuilder text = new StringBuilder();
        private boolean sawText;
        private String finishReason;
        private JsonNode safetyRatings;
        private JsonNode citationMetadata;

        void add(JsonNode candidate) {
            for (JsonNode part : candidate.path("content").path("parts")) {
                boolean isThought = part.path("thought").asBoolean(false);
                (isThought ? thought : text).append(part.path("text").asText(""));
                sawText |= !isThought;
            }
            finishReason = candidate.has("finishReason") ? candidate.get("finishReason").asText() : finishReason;
            safetyRatings = candidate.has("safetyRatings") ? candidate.get("safetyRatings") : safetyRatings;
            citationMetadata = candidate.has("citationMetadata") ? candidate.get("citationMetadata") : citationMetadata;
        }

        ObjectNode toCandidate(int index) {
            ObjectNode content = EventFactory.content(null, false);
            if (thought.length() > 0 || sawText) {
                ArrayNode parts = content.putArray("parts");
                if (thought.length() > 0) {
                    parts.addObject().put("text", thought.toString()).put("thought", true);
                }
                if (sawText) {
                    parts.addObject().put("text", text.toString());
                }
                content.remove("role");
                content.put("role", "model");
            }
            ObjectNode candidate = EventFactory.candidate(content, finishReason, index);
            if (safetyRatings != null) {
                candidate.set("safetyRatings", safetyRatings);
            }
            if (citationMetadata != null) {
                candidate.set("citationMetadata", citationMetadata);
            }
            return candidate;
        }
    }
}
