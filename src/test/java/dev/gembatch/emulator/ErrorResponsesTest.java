package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auth, routing and validation errors look exactly like Google's (status, body bytes, framing). */
class ErrorResponsesTest {
    private static final String STREAM = Loopback.MODEL + ":streamGenerateContent";
    private static GeminiEmulator emulator;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().apiKey("secret-test-key").build());
        http = new Loopback(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static JsonNode error(HttpResponse<byte[]> response) {
        return Captures.tree(Loopback.text(response)).path("error");
    }

    @Test
    void missingKeyIsPermissionDenied() throws Exception {
        HttpResponse<byte[]> response = http.post(STREAM + "?alt=sse", Loopback.body("hi"), null);
        assertEquals(403, response.statusCode());
        assertEquals("PERMISSION_DENIED", error(response).path("status").asText());
    }

    @Test
    void wrongKeyIsInvalidArgumentWithApiKeyInvalidReasonAndNeverEchoesTheKey() throws Exception {
        HttpResponse<byte[]> response = http.post(STREAM + "?alt=sse", Loopback.body("hi"), "not-the-key");
        assertEquals(400, response.statusCode());
        JsonNode error = error(response);
        assertEquals("INVALID_ARGUMENT", error.path("status").asText());
        assertEquals("API_KEY_INVALID", error.path("details").path(0).path("reason").asText());
        assertFalse(Loopback.text(response).contains("not-the-key"));
        JsonNode capture = Captures.tree(Captures.read("error-400-api-key-invalid.json"));
        assertEquals(List.of(), Captures.orderConflicts(Captures.tree(Loopback.text(response)), capture, "$"));
    }

    @Test
    void keyInQueryStringIsAccepted() throws Exception {
        HttpResponse<byte[]> response = http.post(STREAM + "?alt=sse&key=secret-test-key", Loopback.body("hi"), null);
        assertEquals(200, response.statusCode());
    }

    @Test
    void unknownModelIsNotFoundAsAPlainObjectEvenForSse() throws Exception {
        HttpResponse<byte[]> response = http.post("custom-gemini:streamGenerateContent?alt=sse",
                Loopback.body("hi"), emulator.apiKey());
        assertEquals(404, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        String capture = Captures.read("error-404-model-not-found-on-alt-sse-request.json");
        String expectedMessage = Captures.tree(capture).path("error").path("message").asText()
                .replace("custom-gemini-2.0-flash", "custom-gemini");
        assertEquals(expectedMessage, error(response).path("message").asText());
        assertTrue(Loopback.text(response).startsWith("{\n  \"error\": {\n    \"code\": 404,"));
    }

    @Test
    void misspeltModelIsNotFoundLikeAnyUnknownName() throws Exception {
        for (String model : List.of("gemini-2.5-flsh", "gemini-1.5-flash", "gpt-4o")) {
            HttpResponse<byte[]> generate = http.post(model + ":streamGenerateContent?alt=sse",
                    Loopback.body("hi"), emulator.apiKey());
            assertEquals(404, generate.statusCode(), model);
            assertEquals("NOT_FOUND", error(generate).path("status").asText(), model);
            HttpResponse<byte[]> count = http.post(model + ":countTokens", Loopback.body("hi"),
                    emulator.apiKey());
            assertEquals(404, count.statusCode(), model);
        }
    }

    @Test
    void anExtraModelKnobServesANameBeyondTheCatalog() throws Exception {
        try (GeminiEmulator proxy = GeminiEmulator.start(EmulatorOptions.builder()
                .extraModels(List.of("acme-labeler-v2")).build())) {
            HttpResponse<byte[]> response = new Loopback(proxy).post(
                    "acme-labeler-v2:streamGenerateContent?alt=sse", Loopback.body("hi"),
                    proxy.apiKey());
            assertEquals(200, response.statusCode());
        }
    }

    @Test
    void bodyWithoutContentsGetsGooglesBulletMessageByteForByte() throws Exception {
        HttpResponse<byte[]> response = http.post(Loopback.MODEL + ":generateContent", "{}", emulator.apiKey());
        assertEquals(400, response.statusCode());
        assertEquals(Captures.read("error-400-invalid-argument-contents-not-specified.json"), Loopback.text(response));
    }

    @Test
    void malformedJsonIsInvalidArgument() throws Exception {
        HttpResponse<byte[]> response = http.post(Loopback.MODEL + ":generateContent", "{\"contents\": [", emulator.apiKey());
        assertEquals(400, response.statusCode());
        assertEquals("INVALID_ARGUMENT", error(response).path("status").asText());
    }

    @Test
    void errorsOnTheArrayEndpointAreArrayWrappedLikeGoogles() throws Exception {
        HttpResponse<byte[]> response = http.post(STREAM, Loopback.body("busy [[gembatch:fail-503x1]]"), emulator.apiKey());
        assertEquals(503, response.statusCode());
        assertEquals(Captures.read("error-503-overloaded-array-wrapped-non-sse.json"), Loopback.text(response));
    }

    @Test
    void internalErrorOnSseIsThePlainCapturedBody() throws Exception {
        HttpResponse<byte[]> response = http.post(STREAM + "?alt=sse", Loopback.body("oops [[gembatch:fail-500x1]]"),
                emulator.apiKey());
        assertEquals(500, response.statusCode());
        assertEquals(Captures.read("error-500-internal.json"), Loopback.text(response));
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        HttpResponse<byte[]> response = http.post(Loopback.MODEL + ":embedContent", Loopback.body("x"), emulator.apiKey());
        assertEquals(404, response.statusCode());
    }

    @Test
    void countTokensUsesTheDocumentedEstimate() throws Exception {
        String prompt = "twelve chars";
        HttpResponse<byte[]> response = http.post(Loopback.MODEL + ":countTokens", Loopback.body(prompt), emulator.apiKey());
        assertEquals(200, response.statusCode());
        assertEquals(3, Captures.tree(Loopback.text(response)).path("totalTokens").asInt());
    }
}
