package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scenario markers over real loopback HTTP: failures, broken streams, candidates, attempts and stats. */
class ScenarioBehaviourTest {
    private static GeminiEmulator emulator;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().chunks(4).build());
        http = new Loopback(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.resetStats();
    }

    private static List<JsonNode> events(HttpResponse<byte[]> response) {
        return Captures.sseEvents(Loopback.text(response)).stream().map(Captures::tree).toList();
    }

    static String text(List<JsonNode> events, int index) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            for (JsonNode candidate : event.path("candidates")) {
                if (candidate.path("index").asInt() == index) {
                    candidate.path("content").path("parts").forEach(p -> text.append(p.path("text").asText()));
                }
            }
        }
        return text.toString();
    }

    @Test
    void failFirstTwoAttemptsThenAnswerCountsAttemptsPerIdenticalBody() throws Exception {
        String prompt = "flaky [[gembatch:fail-503x2]]";
        assertEquals(503, http.stream(prompt, true).statusCode());
        assertEquals(503, http.stream(prompt, true).statusCode());
        HttpResponse<byte[]> third = http.stream(prompt, true);
        assertEquals(200, third.statusCode());
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, prompt), text(events(third), 0));
        EmulatorStats stats = emulator.stats();
        assertEquals(java.util.Map.of(1, 1L, 2, 1L, 3, 1L), stats.requestsByAttempt());
        assertEquals(2, stats.requestsWithStatus(503));
        assertEquals(3L, stats.requestsByScenario().get("fail-503x2"));
    }

    @Test
    void answeringTheSameRequestTwiceIsCountedAsPaidTwice() throws Exception {
        http.stream("same", true);
        http.stream("same", true);
        http.stream("different", true);
        assertEquals(1, emulator.stats().paidTwice());
        assertTrue(emulator.stats().outputTokens() > 0);
    }

    @Test
    void connectionCutMidStreamFailsTheClientRead() {
        assertThrows(IOException.class, () -> http.stream("bye [[gembatch:cut]]", true));
        assertEquals(0, emulator.stats().paidTwice());
    }

    @Test
    void errorObjectAfterHttp200EndsTheStream() throws Exception {
        HttpResponse<byte[]> response = http.stream("mid [[gembatch:midstream-error]]", true);
        assertEquals(200, response.statusCode());
        List<JsonNode> events = events(response);
        JsonNode last = events.get(events.size() - 1);
        assertEquals(503, last.path("error").path("code").asInt());
        assertFalse(events.get(0).path("candidates").isMissingNode());
    }

    @Test
    void malformedJsonChunkCannotBeParsed() throws Exception {
        HttpResponse<byte[]> response = http.stream("garbled [[gembatch:malformed]]", true);
        assertEquals(200, response.statusCode());
        List<String> events = Captures.sseEvents(Loopback.text(response));
        String last = events.get(events.size() - 1);
        assertThrows(IOException.class, () -> Captures.JSON.readTree(last));
    }

    @Test
    void html502PageComesAsTextHtml() throws Exception {
        HttpResponse<byte[]> response = http.stream("gateway [[gembatch:html-502]]", true);
        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(Loopback.text(response).contains("Error 502 (Server Error)"));
    }

    @Test
    void severalCandidatesAreKeyedByIndexWithTheirOwnText() throws Exception {
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"pick\"}]}],\"generationConfig\":{\"candidateCount\":2}}";
        List<JsonNode> events = events(http.post(Loopback.MODEL + ":streamGenerateContent?alt=sse", body, emulator.apiKey()));
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "pick", 0), text(events, 0));
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "pick", 1), text(events, 1));
        assertEquals(2, events.get(0).path("candidates").size());
    }

    @Test
    void maxOutputTokensTruncatesAndFinishesWithMaxTokens() throws Exception {
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"short\"}]}],\"generationConfig\":{\"maxOutputTokens\":3}}";
        List<JsonNode> events = events(http.post(Loopback.MODEL + ":streamGenerateContent?alt=sse", body, emulator.apiKey()));
        String full = EmulatorAnswers.textFor(Loopback.MODEL, "short");
        assertEquals(TextSplitter.prefix(full, 12), text(events, 0));
        JsonNode last = events.get(events.size() - 1);
        assertEquals("MAX_TOKENS", last.path("candidates").path(0).path("finishReason").asText());
        assertEquals(3, last.path("usageMetadata").path("candidatesTokenCount").asInt());
    }

    @Test
    void stalledStreamStopsSendingUntilTheEmulatorCloses() throws Exception {
        try (GeminiEmulator own = GeminiEmulator.start(EmulatorOptions.builder().chunks(2).build())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(own.baseUrl() + "/v1beta/models/"
                            + Loopback.MODEL + ":streamGenerateContent?alt=sse"))
                    .header("x-goog-api-key", own.apiKey()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(Loopback.body("wait [[gembatch:stall]]"))).build();
            HttpResponse<InputStream> response = Loopback.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = response.body();
            StringBuilder received = new StringBuilder();
            while (!received.toString().endsWith("\r\n\r\n")) {
                received.append((char) body.read());
            }
            assertEquals(1, own.stats().openStreams());
            own.close();
            assertThrows(IOException.class, () -> body.readAllBytes());
            assertEquals(1, Captures.sseEvents(received.toString()).size());
        }
    }

    @Test
    void stallOnceStallsTheFirstAttemptOnlyAndTheRetryIsAnswered() throws Exception {
        try (GeminiEmulator own = GeminiEmulator.start(EmulatorOptions.builder().chunks(2).build())) {
            String prompt = "wait once [[gembatch:stallx1]]";
            HttpRequest request = HttpRequest.newBuilder(URI.create(own.baseUrl() + "/v1beta/models/"
                            + Loopback.MODEL + ":streamGenerateContent?alt=sse"))
                    .header("x-goog-api-key", own.apiKey()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(Loopback.body(prompt))).build();
            InputStream first = Loopback.client().send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            StringBuilder received = new StringBuilder();
            while (!received.toString().endsWith("\r\n\r\n")) {
                received.append((char) first.read());
            }
            assertEquals(1, own.stats().openStreams(), "the first attempt stalls after its first event");

            HttpResponse<byte[]> retry = Loopback.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, prompt), text(events(retry), 0));
            assertEquals(2L, own.stats().requestsByScenario().get("stallx1"));
            first.close();
        }
    }

    @Test
    void statsEndpointServesTheSameCountersAsJson() throws Exception {
        http.stream("counted [[gembatch:recitation]]", true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__stats")).GET().build();
        String json = Loopback.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
        JsonNode stats = Captures.tree(json);
        assertEquals(1, stats.path("requestsByScenario").path("recitation").asInt());
        assertEquals(1, stats.path("requestsByStatus").path("200").asInt());
        assertEquals(emulator.stats().toJson(), json);
    }

    @Test
    void unaryGenerateContentIsOnePrettyBodyWithTheWholeAnswer() throws Exception {
        HttpResponse<byte[]> response = http.post(Loopback.MODEL + ":generateContent", Loopback.body("whole"),
                emulator.apiKey());
        String body = Loopback.text(response);
        assertTrue(body.startsWith("{\n  \"candidates\": [\n") && body.endsWith("}\n"));
        JsonNode candidate = Captures.tree(body).path("candidates").path(0);
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "whole"),
                candidate.path("content").path("parts").path(0).path("text").asText());
        assertEquals("STOP", candidate.path("finishReason").asText());
        assertEquals(new String(response.body(), StandardCharsets.UTF_8), body);
    }
}
