package dev.gembatch.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gembatch.model.Citation;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one GenerateContentResponse tree into a {@link Chunk}. Absent, empty and unknown fields
 * never fail: {@code content: {}}, content with a role only, no content, no candidates all read.
 */
final class ChunkReader {

    private ChunkReader() {
    }

    static Chunk read(JsonNode response) {
        List<ChunkCandidate> candidates = new ArrayList<>();
        for (JsonNode candidate : Json.array(response, "candidates")) {
            if (candidate.isObject()) {
                candidates.add(candidate(candidate));
            }
        }
        return new Chunk(candidates, promptFeedback(Json.object(response, "promptFeedback")),
                usage(Json.object(response, "usageMetadata")),
                Json.text(response, "modelVersion"), Json.text(response, "responseId"));
    }

    private static ChunkCandidate candidate(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = new StringBuilder();
        JsonNode content = Json.object(candidate, "content");
        for (JsonNode part : content == null ? List.<JsonNode>of() : Json.array(content, "parts")) {
            String partText = Json.text(part, "text");
            if (partText != null) {
                (Boolean.TRUE.equals(Json.bool(part, "thought")) ? thoughts : text).append(partText);
            }
        }
        Integer index = Json.integer(candidate, "index");
        return new ChunkCandidate(index == null ? 0 : index, text.toString(), thoughts.toString(),
                Json.text(candidate, "finishReason"), Json.text(candidate, "finishMessage"),
                ratings(candidate.get("safetyRatings")),
                citations(Json.object(candidate, "citationMetadata")));
    }

    /** The ratings of an array node; null when the node is absent or not an array. */
    private static List<SafetyRating> ratings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<SafetyRating> ratings = new ArrayList<>();
        for (JsonNode r : array) {
            ratings.add(new SafetyRating(Json.text(r, "category"), Json.text(r, "probability"),
                    Json.decimal(r, "probabilityScore"), Json.text(r, "severity"),
                    Json.decimal(r, "severityScore"), Json.bool(r, "blocked")));
        }
        return ratings;
    }

    /** Gemini API {@code citationSources} or Vertex {@code citations}; null without metadata. */
    private static List<Citation> citations(JsonNode metadata) {
        if (metadata == null) {
            return null;
        }
        List<Citation> citations = new ArrayList<>();
        String field = metadata.has("citationSources") ? "citationSources" : "citations";
        for (JsonNode c : Json.array(metadata, field)) {
            citations.add(new Citation(Json.integer(c, "startIndex"), Json.integer(c, "endIndex"),
                    Json.text(c, "uri"), Json.text(c, "title"), Json.text(c, "license")));
        }
        return citations;
    }

    private static PromptFeedback promptFeedback(JsonNode feedback) {
        if (feedback == null) {
            return null;
        }
        List<SafetyRating> ratings = ratings(feedback.get("safetyRatings"));
        return new PromptFeedback(Json.text(feedback, "blockReason"),
                Json.text(feedback, "blockReasonMessage"), ratings);
    }

    private static Usage usage(JsonNode usage) {
        if (usage == null) {
            return null;
        }
        return new Usage(Json.integer(usage, "promptTokenCount"),
                Json.integer(usage, "candidatesTokenCount"),
                Json.integer(usage, "thoughtsTokenCount"),
                Json.integer(usage, "cachedContentTokenCount"),
                Json.integer(usage, "toolUsePromptTokenCount"),
                Json.integer(usage, "totalTokenCount"));
    }
}
