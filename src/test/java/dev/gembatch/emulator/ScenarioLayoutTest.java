package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each scenario's bytes have the framing and per-chunk field placement of the matching real capture. */
class ScenarioLayoutTest {
    private static final Pattern SSE_FRAMING = Pattern.compile("(data: \\{[^\\r\\n]*}\\r\\n\\r\\n)+");
    private static final Pattern ARRAY_FRAMING = Pattern.compile("\\[\\{\\n[^\\r]*\\n}(\\n,\\r\\n\\{\\n[^\\r]*\\n})*\\n]");
    private static GeminiEmulator emulator;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().chunks(3).build());
        http = new Loopback(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<JsonNode> sse(String prompt) throws Exception {
        HttpResponse<byte[]> response = http.stream(prompt, true);
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        String body = Loopback.text(response);
        assertTrue(SSE_FRAMING.matcher(body).matches(), body);
        return Captures.sseEvents(body).stream().map(Captures::tree).toList();
    }

    private static List<JsonNode> capture(String name) {
        return Captures.sseEvents(Captures.read(name)).stream().map(Captures::tree).toList();
    }

    private static void assertSameOrder(JsonNode ours, JsonNode theirs) {
        assertEquals(List.of(), Captures.orderConflicts(ours, theirs, "$"));
    }

    private static JsonNode candidate(JsonNode event) {
        return event.path("candidates").path(0);
    }

    @Test
    void plainStreamMatchesTheThreeEventCaptureChunkByChunk() throws Exception {
        List<JsonNode> ours = sse("count to three");
        List<JsonNode> theirs = capture("sse-counting-3events-thoughts-counted-from-first-event-2.5-flash.txt");
        assertEquals(theirs.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSameOrder(ours.get(i), theirs.get(i));
            assertEquals(i == ours.size() - 1, candidate(ours.get(i)).has("finishReason"));
            assertEquals(ours.get(0).get("responseId"), ours.get(i).get("responseId"));
        }
        JsonNode last = ours.get(ours.size() - 1).get("usageMetadata");
        assertTrue(last.has("candidatesTokensDetails"));
        assertFalse(ours.get(0).get("usageMetadata").has("candidatesTokensDetails"));
    }

    @Test
    void arrayStreamHasGoogleFramingAndCaptureKeyOrder() throws Exception {
        HttpResponse<byte[]> response = http.stream("array please", false);
        assertEquals("application/json; charset=UTF-8", response.headers().firstValue("content-type").orElseThrow());
        String body = Loopback.text(response);
        assertTrue(ARRAY_FRAMING.matcher(body).matches(), body);
        List<String> ours = Captures.arrayElements(body);
        List<String> theirs = Captures.arrayElements(Captures.read("array-json-schema-output-split-across-chunks.json"));
        assertEquals(3, ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSameOrder(Captures.tree(ours.get(i)), Captures.tree(theirs.get(i + 1)));
        }
    }

    @Test
    void blockedPromptIsOneChunkWithPromptFeedbackAndNoCandidates() throws Exception {
        List<JsonNode> ours = sse("forbidden [[gembatch:blocked]]");
        JsonNode theirs = capture("sse-prompt-blocked-safety-promptfeedback-only.txt").get(0);
        assertEquals(1, ours.size());
        assertFalse(ours.get(0).has("candidates"));
        assertEquals("SAFETY", ours.get(0).path("promptFeedback").path("blockReason").asText());
        assertSameOrder(ours.get(0), theirs);
    }

    @Test
    void safetyFinishEndsWithRatingsChunkWithoutContent() throws Exception {
        List<JsonNode> ours = sse("edgy [[gembatch:safety]]");
        List<JsonNode> theirs = capture("sse-finish-safety-with-partial-text-legacy.txt");
        JsonNode last = candidate(ours.get(ours.size() - 1));
        assertEquals("SAFETY", last.path("finishReason").asText());
        assertFalse(last.has("content"));
        assertTrue(last.path("safetyRatings").findValues("blocked").stream().anyMatch(JsonNode::asBoolean));
        assertSameOrder(ours.get(ours.size() - 1), theirs.get(theirs.size() - 1));
        assertTrue(candidate(ours.get(0)).has("content"));
    }

    @Test
    void recitationEndsWithCitationsAndNoContentLikeTheCapture() throws Exception {
        List<JsonNode> ours = sse("recite [[gembatch:recitation]]");
        List<JsonNode> theirs = capture("sse-recitation-final-event-no-content-2.0-flash.txt");
        JsonNode last = candidate(ours.get(ours.size() - 1));
        assertEquals("RECITATION", last.path("finishReason").asText());
        assertFalse(last.has("content"));
        assertTrue(last.path("citationMetadata").path("citationSources").isArray());
        for (int i = 0; i < ours.size(); i++) {
            int twin = i == ours.size() - 1 ? theirs.size() - 1 : Math.min(i + 4, theirs.size() - 2);
            assertSameOrder(ours.get(i), theirs.get(twin));
        }
    }

    @Test
    void maxTokensFinishCarriesTheLastTextLikeTheCapture() throws Exception {
        List<JsonNode> ours = sse("long story [[gembatch:max-tokens]]");
        List<JsonNode> theirs = capture("sse-max-tokens-2.0-flash.reconstructed.txt");
        JsonNode last = ours.get(ours.size() - 1);
        assertEquals("MAX_TOKENS", candidate(last).path("finishReason").asText());
        assertTrue(candidate(last).path("content").has("parts"));
        assertSameOrder(last, theirs.get(theirs.size() - 1));
    }

    @Test
    void thoughtSummariesComeFirstAndThoughtTokensAreCountedApart() throws Exception {
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"ponder\"}]}],"
                + "\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":true}}}";
        String text = Loopback.text(http.post(Loopback.MODEL + ":streamGenerateContent?alt=sse", body, emulator.apiKey()));
        List<JsonNode> ours = Captures.sseEvents(text).stream().map(Captures::tree).toList();
        List<JsonNode> theirs = capture("sse-thinking-summaries-2.5-pro-23events.txt");
        JsonNode firstPart = candidate(ours.get(0)).path("content").path("parts").path(0);
        assertTrue(firstPart.path("thought").asBoolean());
        assertSameOrder(ours.get(0), theirs.get(0));
        assertSameOrder(ours.get(ours.size() - 1), theirs.get(theirs.size() - 1));
        JsonNode usage = ours.get(ours.size() - 1).path("usageMetadata");
        assertEquals(usage.path("promptTokenCount").asInt() + usage.path("candidatesTokenCount").asInt()
                + usage.path("thoughtsTokenCount").asInt(), usage.path("totalTokenCount").asInt());
    }

    @Test
    void legacyStopOnEveryChunkPutsFinishReasonEverywhere() throws Exception {
        List<JsonNode> ours = sse("old model [[gembatch:stop-every-chunk]]");
        List<JsonNode> theirs = capture("sse-legacy-finishreason-stop-on-every-event-gemini-pro.txt");
        for (JsonNode event : ours) {
            assertEquals("STOP", candidate(event).path("finishReason").asText());
            assertSameOrder(event, theirs.get(1));
        }
    }

    @Test
    void gemini3StyleEmptyFinalChunkCarriesTheFinishReason() throws Exception {
        List<JsonNode> ours = sse("new model [[gembatch:empty-final]]");
        List<String> theirs = Captures.arrayElements(Captures.read("array-gemini3-final-chunk-prompt-count-jumps.json"));
        JsonNode last = ours.get(ours.size() - 1);
        assertEquals("", candidate(last).path("content").path("parts").path(0).path("text").asText("x"));
        assertEquals("STOP", candidate(last).path("finishReason").asText());
        assertFalse(candidate(ours.get(ours.size() - 2)).has("finishReason"));
        assertSameOrder(last, Captures.tree(theirs.get(theirs.size() - 1)));
    }
}
