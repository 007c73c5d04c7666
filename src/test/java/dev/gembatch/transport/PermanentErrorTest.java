package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static dev.gembatch.transport.TransportFixture.call;
import static dev.gembatch.transport.Replies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors that retrying cannot fix: exactly one request reaches the server. */
class PermanentErrorTest {
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private ScriptedServer server;

    @ParameterizedTest
    @CsvSource({
        "400, error-400-api-key-invalid.json, INVALID_ARGUMENT, API_KEY_INVALID",
        "400, error-400-failed-precondition-user-location.json, FAILED_PRECONDITION, ",
        "403, error-403-service-disabled.json, PERMISSION_DENIED, SERVICE_DISABLED",
        "404, error-404-model-not-found-on-alt-sse-request.json, NOT_FOUND, ",
    })
    void clientErrorsAreNotRetried(int code, String file, String status, String reason)
            throws Exception {
        Answer a = answer(Replies.status(code, capture(file), Replies.SSE));

        assertEquals(Status.FAILED, a.status());
        assertEquals(1, server.requests().size());
        assertEquals(1, a.attempts());
        assertEquals(code, a.error().httpCode());
        assertEquals(status, a.error().status());
        assertEquals(reason, a.error().reason());
        assertFalse(a.error().retryable());
        assertFalse(net.events.get(0).willRetry());
        assertNull(net.events.get(0).backoff());
    }

    @ParameterizedTest
    @CsvSource({
        "GenerateContentInputTokensPerModelPerMinute-FreeTier, GenerateRequestsPerDayPerProjectPerModel-FreeTier",
        "You exceeded your current quota, 'Quota exceeded for metric: x, limit: 0, model: gemini-2.5-pro'",
    })
    void dailyOrZeroQuota429IsNotRetried(String from, String to) throws Exception {
        String body = new String(capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json"),
                StandardCharsets.UTF_8).replace(from, to);
        Answer a = answer(Replies.status(429, utf8(body)));

        assertEquals(Status.FAILED, a.status());
        assertEquals(1, server.requests().size());
        assertEquals("RESOURCE_EXHAUSTED", a.error().status());
        assertFalse(a.error().retryable());
    }

    private Answer answer(ScriptedServer.Reply reply) throws Exception {
        server = net.serve(reply, Replies.stream(RetryTest.TEXT));
        GeminiClient client = net.client();
        Answer a = call(client);
        assertEquals(0, client.inFlight());
        return a;
    }
}
