package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests/tokens per minute and requests per day answer 429 like Google's 2025 bodies; the stream
 * cap answers 503 overloaded.
 */
class QuotaAndOverloadTest {

    private static JsonNode error(HttpResponse<byte[]> response) {
        return Captures.tree(Loopback.text(response)).path("error");
    }

    private static JsonNode detail(JsonNode error, String type) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith(type)) {
                return detail;
            }
        }
        throw new AssertionError("no " + type + " in " + error);
    }

    @Test
    void requestsBeyondTheMinuteQuotaGetResourceExhaustedWithRetryInfo() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder().requestsPerMinute(2).build())) {
            Loopback http = new Loopback(emulator);
            assertEquals(200, http.stream("one", true).statusCode());
            assertEquals(200, http.stream("two", true).statusCode());
            HttpResponse<byte[]> refused = http.stream("three", true);
            assertEquals(429, refused.statusCode());
            JsonNode error = error(refused);
            assertEquals("RESOURCE_EXHAUSTED", error.path("status").asText());
            assertEquals("GenerateRequestsPerMinutePerProjectPerModel",
                    detail(error, "QuotaFailure").path("violations").path(0).path("quotaId").asText());
            assertTrue(detail(error, "RetryInfo").path("retryDelay").asText().matches("[1-9][0-9]?s"));
            JsonNode capture = Captures.tree(Captures.read("error-429-free-tier-quotafailure-help-retryinfo-2025.json"));
            assertEquals(List.of(), Captures.orderConflicts(Captures.tree(Loopback.text(refused)), capture, "$"));
            assertEquals(1, emulator.stats().requestsWithStatus(429));
        }
    }

    @Test
    void requestsBeyondTheDayQuotaGetAPerDayQuotaIdAndLimitInTheMessage() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().requestsPerDay(1).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            Loopback http = new Loopback(emulator);
            assertEquals(200, http.stream("one", true).statusCode());
            HttpResponse<byte[]> refused = http.stream("two", true);
            HttpResponse<byte[]> again = http.stream("three", true);

            assertEquals(429, refused.statusCode());
            assertEquals(429, again.statusCode(), "the emulator's day never ends");
            JsonNode error = error(refused);
            assertEquals("RESOURCE_EXHAUSTED", error.path("status").asText());
            JsonNode violation = detail(error, "QuotaFailure").path("violations").path(0);
            assertEquals("GenerateRequestsPerDayPerProjectPerModel", violation.path("quotaId").asText());
            assertEquals("1", violation.path("quotaValue").asText());
            assertTrue(error.path("message").asText().contains(", limit: 1, model: " + Loopback.MODEL),
                    error.path("message").asText());
            JsonNode capture = Captures.tree(Captures.read("error-429-free-tier-quotafailure-help-retryinfo-2025.json"));
            assertEquals(List.of(), Captures.orderConflicts(Captures.tree(Loopback.text(refused)), capture, "$"));
            assertEquals(3, emulator.requestTimes().size());
        }
    }

    @Test
    void promptTokensBeyondTheMinuteQuotaGetTheTokenQuotaId() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder().tokensPerMinute(10).build())) {
            Loopback http = new Loopback(emulator);
            HttpResponse<byte[]> refused = http.stream("x".repeat(44), true);
            assertEquals(429, refused.statusCode());
            JsonNode violation = detail(error(refused), "QuotaFailure").path("violations").path(0);
            assertEquals("GenerateContentPaidTierInputTokensPerModelPerMinute", violation.path("quotaId").asText());
            assertEquals("10", violation.path("quotaValue").asText());
        }
    }

    @Test
    void streamsBeyondTheConcurrencyCapGetModelOverloaded() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().maxConcurrentStreams(1).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            Loopback http = new Loopback(emulator);
            HttpRequest stalled = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1beta/models/"
                            + Loopback.MODEL + ":streamGenerateContent?alt=sse"))
                    .header("x-goog-api-key", emulator.apiKey()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(Loopback.body("hold on [[gembatch:stall]]"))).build();
            HttpResponse<InputStream> open = Loopback.client().send(stalled, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = open.body()) {
                byte[] first = body.readNBytes(6);
                assertEquals("data: ", new String(first, StandardCharsets.UTF_8));
                HttpResponse<byte[]> refused = http.stream("me too", true);
                assertEquals(503, refused.statusCode());
                assertEquals(ErrorBodies.OVERLOADED, error(refused).path("message").asText());
                assertEquals(1, emulator.stats().openStreams());
                assertEquals(1, emulator.stats().maxConcurrentStreams());
            }
        }
    }
}
