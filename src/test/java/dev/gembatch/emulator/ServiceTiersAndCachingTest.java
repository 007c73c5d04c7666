package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The emulator's service tiers (serviceTier in the body, the served-tier header and usage, Flex
 * sheds, Priority downgrades) and its implicit cache of a repeated long system instruction.
 */
class ServiceTiersAndCachingTest {
    private static final String UNARY = Loopback.MODEL + ":generateContent";

    private static String body(String tier, String system) {
        String contents = Loopback.body("Label this.");
        return "{\"serviceTier\":\"" + tier + "\"," + (system == null ? ""
                : "\"systemInstruction\":{\"parts\":[{\"text\":" + Loopback.quote(system) + "}]},")
                + contents.substring(1);
    }

    private static JsonNode usage(HttpResponse<byte[]> response) {
        return Captures.tree(Loopback.text(response)).path("usageMetadata");
    }

    @Test
    void everyAnswerNamesItsTierInTheHeaderAndTheUsage() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.defaults())) {
            HttpResponse<byte[]> r = new Loopback(emulator).post(UNARY, body("flex", null),
                    emulator.apiKey());
            assertEquals(200, r.statusCode());
            assertEquals("flex", r.headers().firstValue("x-gemini-service-tier").orElseThrow());
            assertEquals("flex", usage(r).path("serviceTier").asText());
        }
    }

    @Test
    void flexAttemptsAreShedWithGooglesCapacityBodies() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().flexShedRate(1.0).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            Loopback http = new Loopback(emulator);
            for (int i = 0; i < 6; i++) {
                HttpResponse<byte[]> r = http.post(UNARY, body("flex", null), emulator.apiKey());
                String status = Captures.tree(Loopback.text(r)).path("error").path("status").asText();
                assertTrue(r.statusCode() == 503 && "UNAVAILABLE".equals(status)
                        || r.statusCode() == 429 && "RESOURCE_EXHAUSTED".equals(status), status);
            }
            assertEquals(200, http.post(UNARY, body("standard", null), emulator.apiKey())
                    .statusCode(), "only Flex is shed");
        }
    }

    @Test
    void priorityOverItsLimitIsServedAtStandard() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().priorityDowngradeRate(1.0).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            HttpResponse<byte[]> r = new Loopback(emulator).post(UNARY, body("priority", null),
                    emulator.apiKey());
            assertEquals("standard", r.headers().firstValue("x-gemini-service-tier").orElseThrow());
            assertEquals("standard", usage(r).path("serviceTier").asText());
        }
    }

    @Test
    void aRepeatedLongSystemInstructionIsAnImplicitCacheHit() throws Exception {
        String system = "Label by topic. ".repeat(300); // 4,800 characters: 1,200 tokens
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.defaults())) {
            Loopback http = new Loopback(emulator);
            JsonNode first = usage(http.post(UNARY, body("standard", system), emulator.apiKey()));
            JsonNode second = usage(http.post(UNARY, body("standard", system), emulator.apiKey()));
            JsonNode shortOne = usage(http.post(UNARY, body("standard", "Label by topic."),
                    emulator.apiKey()));

            assertFalse(first.has("cachedContentTokenCount"), first.toString());
            assertEquals(1200, second.path("cachedContentTokenCount").asInt(), second.toString());
            assertEquals(first.path("promptTokenCount").asInt(),
                    second.path("promptTokenCount").asInt(), "cached tokens are part of the prompt");
            assertTrue(second.path("promptTokenCount").asInt() > 1200);
            assertFalse(shortOne.has("cachedContentTokenCount"), "below 1,024 tokens: no cache");
        }
    }
}
