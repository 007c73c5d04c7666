package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** gzip streaming, h2c with prior knowledge, and seeded chaos. */
class TransportFeaturesTest {

    @Test
    void gzipStreamDecodesToTheSameEvents() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.defaults())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1beta/models/"
                            + Loopback.MODEL + ":streamGenerateContent?alt=sse"))
                    .header("x-goog-api-key", emulator.apiKey()).header("Accept-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString(Loopback.body("squeeze"))).build();
            HttpResponse<byte[]> response = Loopback.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", response.headers().firstValue("content-encoding").orElseThrow());
            byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
            List<JsonNode> events = Captures.sseEvents(new String(plain, StandardCharsets.UTF_8)).stream()
                    .map(Captures::tree).toList();
            assertEquals(3, events.size());
            assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "squeeze"), ScenarioBehaviourTest.text(events, 0));
        }
    }

    @Test
    void h2cWithPriorKnowledgeStreamsTheAnswer() throws Exception {
        try (GeminiEmulator emulator = GeminiEmulator.start(EmulatorOptions.builder().http2(true).build())) {
            OkHttpClient client = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
            Request request = new Request.Builder()
                    .url(emulator.baseUrl() + "/v1beta/models/" + Loopback.MODEL + ":streamGenerateContent?alt=sse")
                    .header("x-goog-api-key", emulator.apiKey())
                    .post(RequestBody.create(Loopback.body("over h2"), MediaType.get("application/json"))).build();
            try (Response response = client.newCall(request).execute()) {
                assertEquals(Protocol.H2_PRIOR_KNOWLEDGE, response.protocol());
                List<JsonNode> events = Captures.sseEvents(response.body().string()).stream()
                        .map(Captures::tree).toList();
                assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "over h2"), ScenarioBehaviourTest.text(events, 0));
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        }
    }

    private static List<Integer> statuses(long seed) throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().chaosFraction(0.5).chaosSeed(seed).build();
        List<Integer> statuses = new ArrayList<>();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            Loopback http = new Loopback(emulator);
            for (int i = 0; i < 24; i++) {
                try {
                    statuses.add(http.stream("row " + i, true).statusCode());
                } catch (java.io.IOException cut) {
                    statuses.add(-1);
                }
            }
            long chaos = emulator.stats().requestsByScenario().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("chaos:")).mapToLong(java.util.Map.Entry::getValue).sum();
            assertTrue(chaos > 0 && chaos < 24, "chaos hits: " + chaos);
        }
        return statuses;
    }

    @Test
    void chaosIsASeededFractionThatRepeatsExactly() throws Exception {
        List<Integer> first = statuses(7);
        assertEquals(first, statuses(7));
        assertNotEquals(first, statuses(8));
    }
}
