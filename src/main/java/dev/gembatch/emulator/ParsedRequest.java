package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of a generateContent request body the emulator reacts to. {@code key} identifies
 * identical requests (same model and body bytes) for attempt counting; {@code responseSchema} is
 * set only in JSON mode (responseMimeType application/json with a responseSchema object);
 * {@code serviceTier} is the tier asked for (standard when the body names none), then the tier
 * that serves it once the handler has decided ({@link #served}); {@code systemText} is the
 * system instruction's text ("" without one), {@code cachedTokens} how many of its tokens an
 * implicit cache hit serves (0 until the handler decides).
 */
record ParsedRequest(String model, String promptText, int candidateCount, int maxOutputTokens,
                     boolean includeThoughts, JsonNode responseSchema, long key, String serviceTier,
                     String systemText, int cachedTokens) {

    /** Google's validation message for a body without contents. */
    static final String NO_CONTENTS = "* GenerateContentRequest.contents: contents is not specified\n";

    /** Google's 400 message for a body the emulator cannot answer, or null when it is usable. */
    static String problem(JsonNode body) {
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            return NO_CONTENTS;
        }
        return RequestParts.problem(contents);
    }

    /** Reads a tree that {@link #problem} accepts. */
    static ParsedRequest from(String model, JsonNode body, byte[] raw) {
        JsonNode contents = body.get("contents");
        JsonNode config = body.path("generationConfig");
        int candidates = Math.max(1, Math.min(8, config.path("candidateCount").asInt(1)));
        int maxTokens = config.path("maxOutputTokens").asInt(0);
        boolean thoughts = config.path("thinkingConfig").path("includeThoughts").asBoolean(false);
        JsonNode schema = config.path("responseSchema");
        boolean json = "application/json".equals(config.path("responseMimeType").asText())
                && schema.isObject();
        String tier = body.path("serviceTier").asText("standard").toLowerCase(Locale.ROOT);
        JsonNode system = body.has("systemInstruction") ? body.get("systemInstruction")
                : body.path("system_instruction");
        return new ParsedRequest(model, promptText(contents), candidates, maxTokens, thoughts,
                json ? schema : null, key(model, raw), tier.isEmpty() ? "standard" : tier,
                systemText(system), 0);
    }

    /** This request as served at {@code tier}, {@code cached} of its tokens from a cache. */
    ParsedRequest served(String tier, int cached) {
        return new ParsedRequest(model, promptText, candidateCount, maxOutputTokens, includeThoughts,
                responseSchema, key, tier, systemText, cached);
    }

    /** Prompt tokens: the contents' and the system instruction's. */
    int promptTokens() {
        return Math.max(1, EmulatorAnswers.tokens(promptText) + EmulatorAnswers.tokens(systemText));
    }

    /**
     * All text parts of all contents joined by "\n", in order; a media part counts as the line
     * that describes it (see {@link RequestParts#describe}).
     */
    static String promptText(JsonNode contents) {
        StringBuilder text = new StringBuilder();
        for (JsonNode content : contents) {
            for (JsonNode part : content.path("parts")) {
                JsonNode value = part.get("text");
                String line = value != null && value.isTextual() ? value.textValue()
                        : RequestParts.describe(part);
                if (line != null) {
                    text.append(text.length() == 0 ? "" : "\n").append(line);
                }
            }
        }
        return text.toString();
    }

    /** The text parts of a system instruction joined by "\n" ("" when there is none). */
    static String systemText(JsonNode system) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : system.path("parts")) {
            JsonNode value = part.get("text");
            if (value != null && value.isTextual()) {
                text.append(text.length() == 0 ? "" : "\n").append(value.textValue());
            }
        }
        return text.toString();
    }

    /** 64 bits of SHA-256 over model and body bytes. */
    static long key(String model, byte[] raw) {
        byte[] digest = EmulatorAnswers.digest("request", model, new String(raw, StandardCharsets.ISO_8859_1), 0);
        return ByteBuffer.wrap(digest).getLong();
    }
}
