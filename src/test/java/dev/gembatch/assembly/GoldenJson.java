package dev.gembatch.assembly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import dev.gembatch.stream.ApiError;
import java.util.List;

/** Writes an {@link Assembled} in the layout of the golden files, every field spelled out. */
final class GoldenJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenJson() {
    }

    static ObjectNode of(Assembled a) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("outcome", a.outcome().name());
        node.put("status", a.status().name());
        node.put("chunks", a.chunks());
        node.put("modelVersion", a.modelVersion());
        node.put("responseId", a.responseId());
        node.set("usage", usage(a.usage()));
        node.set("promptFeedback", promptFeedback(a.promptFeedback()));
        node.set("error", error(a.error()));
        node.put("malformed", a.malformed());
        ArrayNode candidates = node.putArray("candidates");
        a.candidates().forEach(c -> candidates.add(candidate(c)));
        return node;
    }

    private static JsonNode candidate(Candidate c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", c.index());
        node.put("text", c.text());
        node.put("thoughts", c.thoughts());
        node.put("finishReason", c.finishReason());
        node.put("finishMessage", c.finishMessage());
        node.set("safetyRatings", ratings(c.safetyRatings()));
        ArrayNode citations = node.putArray("citations");
        for (Citation x : c.citations()) {
            citations.addObject().put("startIndex", x.startIndex()).put("endIndex", x.endIndex())
                    .put("uri", x.uri()).put("title", x.title()).put("license", x.license());
        }
        return node;
    }

    private static ArrayNode ratings(List<SafetyRating> ratings) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SafetyRating r : ratings) {
            array.addObject().put("category", r.category()).put("probability", r.probability())
                    .put("probabilityScore", r.probabilityScore()).put("severity", r.severity())
                    .put("severityScore", r.severityScore()).put("blocked", r.blocked());
        }
        return array;
    }

    private static JsonNode usage(Usage u) {
        if (u == null) {
            return MAPPER.nullNode();
        }
        return MAPPER.createObjectNode().put("promptTokens", u.promptTokens())
                .put("outputTokens", u.outputTokens()).put("thoughtsTokens", u.thoughtsTokens())
                .put("cachedTokens", u.cachedTokens())
                .put("toolUsePromptTokens", u.toolUsePromptTokens())
                .put("totalTokens", u.totalTokens());
    }

    private static JsonNode promptFeedback(PromptFeedback p) {
        if (p == null) {
            return MAPPER.nullNode();
        }
        ObjectNode node = MAPPER.createObjectNode().put("blockReason", p.blockReason())
                .put("blockMessage", p.blockMessage());
        node.set("safetyRatings", ratings(p.safetyRatings()));
        return node;
    }

    private static JsonNode error(ApiError e) {
        if (e == null) {
            return MAPPER.nullNode();
        }
        ObjectNode node = MAPPER.createObjectNode().put("code", e.code()).put("status", e.status())
                .put("message", e.message());
        e.reasons().forEach(node.putArray("reasons")::add);
        e.quotaIds().forEach(node.putArray("quotaIds")::add);
        node.put("retryDelay", e.retryDelay() == null ? null : e.retryDelay().toString());
        return node;
    }
}
