package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds response JSON trees with keys in Google's (protobuf field) order. */
final class EventFactory {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CATEGORIES = {
        "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_HATE_SPEECH",
        "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_DANGEROUS_CONTENT",
    };
    private final String modelVersion;
    private final String responseId;
    private final String serviceTier;
    private final int cachedTokens;

    EventFactory(String modelVersion, String responseId, String serviceTier, int cachedTokens) {
        this.modelVersion = modelVersion;
        this.responseId = responseId;
        this.serviceTier = serviceTier;
        this.cachedTokens = cachedTokens;
    }

    /** A top-level chunk: candidates (may be null), usage, modelVersion, responseId. */
    ObjectNode event(ArrayNode candidates, ObjectNode usage) {
        ObjectNode event = NODES.objectNode();
        if (candidates != null) {
            event.set("candidates", candidates);
        }
        event.set("usageMetadata", served(usage));
        return stamp(event);
    }

    /** The usage with the cached tokens (when a cache served some) and the serving tier. */
    private ObjectNode served(ObjectNode usage) {
        if (cachedTokens > 0) {
            usage.put("cachedContentTokenCount", cachedTokens);
        }
        return usage.put("serviceTier", serviceTier);
    }

    /** A blocked-prompt chunk: promptFeedback with a HIGH hate-speech rating, no candidates. */
    ObjectNode blockedPrompt(ObjectNode usage) {
        ObjectNode feedback = NODES.objectNode().put("blockReason", "SAFETY");
        feedback.set("safetyRatings", ratings(false));
        ObjectNode event = NODES.objectNode();
        event.set("promptFeedback", feedback);
        event.set("usageMetadata", served(usage));
        return stamp(event);
    }

    private ObjectNode stamp(ObjectNode event) {
        return event.put("modelVersion", modelVersion).put("responseId", responseId);
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** content {parts:[{text[, thought]}], role} or, when text is null, content {role} only. */
    static ObjectNode content(String text, boolean thought) {
        ObjectNode content = NODES.objectNode();
        if (text != null) {
            ObjectNode part = NODES.objectNode().put("text", text);
            if (thought) {
                part.put("thought", true);
            }
            content.set("parts", NODES.arrayNode().add(part));
        }
        return content.put("role", "model");
    }

    /** A candidate; content, finishReason may be null. */
    static ObjectNode candidate(ObjectNode content, String finishReason, int index) {
        ObjectNode candidate = NODES.objectNode();
        if (content != null) {
            candidate.set("content", content);
        }
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        return candidate.put("index", index);
    }

    /** The four Gemini API categories; with {@code blockedHate} hate speech is HIGH and blocked. */
    static ArrayNode ratings(boolean blockedHate) {
        ArrayNode ratings = NODES.arrayNode();
        for (String category : CATEGORIES) {
            boolean hate = category.endsWith("HATE_SPEECH");
            ObjectNode rating = ratings.addObject().put("category", category);
            rating.put("probability", hate ? "HIGH" : "NEGLIGIBLE");
            if (hate && blockedHate) {
                rating.put("blocked", true);
            }
        }
        return ratings;
    }

    /** citationMetadata with one source covering [start, end) of the answer. */
    static ObjectNode citations(int start, int end) {
        ObjectNode source = NODES.objectNode().put("startIndex", start).put("endIndex", end);
        source.put("uri", "https://example.com/emulated-source");
        ObjectNode metadata = NODES.objectNode();
        metadata.set("citationSources", NODES.arrayNode().add(source));
        return metadata;
    }

    /** usageMetadata as Google writes it; candidate details only on the final chunk. */
    static ObjectNode usage(int prompt, int candidates, int thoughts, boolean fin) {
        ObjectNode usage = NODES.objectNode().put("promptTokenCount", prompt);
        if (candidates > 0) {
            usage.put("candidatesTokenCount", candidates);
        }
        usage.put("totalTokenCount", prompt + candidates + thoughts);
        usage.set("promptTokensDetails", details(prompt));
        if (fin && candidates > 0) {
            usage.set("candidatesTokensDetails", details(candidates));
        }
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        return usage;
    }

    private static ArrayNode details(int tokens) {
        ArrayNode details = NODES.arrayNode();
        details.addObject().put("modality", "TEXT").put("tokenCount", tokens);
        return details;
    }
}
