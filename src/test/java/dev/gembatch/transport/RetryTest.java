package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static dev.gembatch.transport.Replies.utf8;
import static dev.gembatch.transport.TransportFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures before and inside the stream: which are retried, after what wait, and what is kept
 * (the deadlines' own tests are in {@link DeadlineTest}).
 */
class RetryTest {
    static final byte[] TEXT = capture("sse-text-3events-stop-prompt-count-changes-2.0-flash-exp.txt");
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private ScriptedServer server;
    private GeminiClient client;

    private Answer run(ScriptedServer.Reply... replies) throws Exception {
        server = net.serve(replies);
        client = net.client();
        Answer a = call(client);
        assertEquals(0, client.inFlight());
        return a;
    }

    @Test
    void cutStreamIsRetriedAndCompleted() throws Exception {
        Answer a = run(Replies.cutAfter(TEXT, 400), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(2, a.attempts());
        assertEquals(2, server.requests().size());
        assertEquals("CONNECTION_LOST", net.events.get(0).errorStatus());
        assertTrue(net.events.get(0).willRetry());
        assertNull(net.events.get(1).errorStatus());
    }

    @Test
    void streamEndingWithoutFinishReasonIsRetried() throws Exception {
        byte[] twoEvents = utf8(new String(TEXT, java.nio.charset.StandardCharsets.UTF_8)
                .split("\r\n\r\n")[0] + "\r\n\r\n");
        Answer a = run(Replies.stream(twoEvents), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("STREAM_INCOMPLETE", net.events.get(0).errorStatus());
    }

    @Test
    void inBandSseErrorIsRetriedByItsCode() throws Exception {
        byte[] midStream = utf8("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                + "\"Part\"}],\"role\": \"model\"}}]}\r\n\r\ndata: {\"error\": {\"code\": 503, "
                + "\"message\": \"This model is currently experiencing high demand.\", "
                + "\"status\": \"UNAVAILABLE\"}}\r\n\r\n");
        Answer a = run(Replies.stream(midStream), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(2, a.attempts());
        assertEquals("UNAVAILABLE", net.events.get(0).errorStatus());
        assertEquals(200, net.events.get(0).httpCode());
    }

    @Test
    void inBandBareObjectErrorIsRetriedByItsCode() throws Exception {
        byte[] bare = utf8("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                + "\"Part\"}],\"role\": \"model\"}}]}\r\n\r\n{\n  \"error\": {\n    \"code\": 500,\n"
                + "    \"message\": \"An internal error has occurred.\",\n    \"status\": "
                + "\"INTERNAL\"\n  }\n}\n");
        Answer a = run(Replies.stream(bare), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("INTERNAL", net.events.get(0).errorStatus());
    }

    @Test
    void inBandCancelledErrorIsNotRetriedAndKeepsThePartialText() throws Exception {
        Answer a = run(Replies.stream(capture("sse-then-raw-json-error-499-cancelled-fixture.txt")));

        assertEquals(Status.FAILED, a.status());
        assertEquals(1, server.requests().size());
        assertEquals("CANCELLED", a.error().status());
        assertEquals(499, a.error().httpCode());
        assertFalse(a.error().retryable());
        assertEquals("First Second ", a.first().text());
    }

    @Test
    void retryInfoDelayIsTheMinimumWait() throws Exception {
        net.random = 0.0;
        Answer a = run(Replies.status(429,
                capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json")),
                Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(Duration.ofSeconds(26), net.backoffs().get(0));
        assertEquals(Duration.ofSeconds(26), net.events.get(0).backoff());
        assertEquals("RESOURCE_EXHAUSTED", net.events.get(0).errorStatus());
    }

    @Test
    void retryAfterHeaderIsTheMinimumWait() throws Exception {
        net.random = 0.99;
        Answer a = run(Replies.status(503, capture("error-503-model-overloaded.json"),
                Replies.JSON, "Retry-After: 90"), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(Duration.ofSeconds(90), net.backoffs().get(0));
    }

    @Test
    void backoffIsFullJitterBelowTheExponentialCeiling() throws Exception {
        net.random = 0.5;
        Answer a = run(Replies.status(500, capture("error-500-internal.json")),
                Replies.status(500, capture("error-500-internal.json")), Replies.stream(TEXT));

        assertEquals(3, a.attempts());
        assertEquals(Duration.ofMillis(500), net.backoffs().get(0));
        assertEquals(Duration.ofMillis(1000), net.backoffs().get(1));
    }

    @Test
    void html502IsUnexpectedResponseAndRetried() throws Exception {
        Answer a = run(Replies.status(502, utf8("<html><body><h1>502 Bad Gateway</h1></body></html>"),
                "Content-Type: text/html"), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("UNEXPECTED_RESPONSE", net.events.get(0).errorStatus());
        assertEquals(502, net.events.get(0).httpCode());
    }

    /** Issue 11 item 7b: a refused connection was CONNECTION_LOST, as if a stream had been cut. */
    @Test
    void refusedConnectionIsRetriedWithBackoffAndEndsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        client = net.client(TestSettings.settings("http://127.0.0.1:" + closed));
        Answer a = call(client);

        assertEquals(Status.FAILED, a.status());
        assertEquals("UNREACHABLE", a.error().status());
        assertTrue(a.error().message().contains("refused"), a.error().message());
        assertEquals(4, a.attempts());
        assertEquals(3, net.backoffs().size());
    }

}
