package dev.gembatch.transport;

import static dev.gembatch.transport.Harness.BODY;
import static dev.gembatch.transport.Harness.call;
import static dev.gembatch.transport.Replies.capture;
import static dev.gembatch.transport.Replies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.Timeouts;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures before and inside the stream: which are retried, after what wait, and what is kept. */
class RetryTest {
    static final byte[] TEXT = capture("sse-text-3events-stop-prompt-count-changes-2.0-flash-exp.txt");
    private final Harness h = new Harness();
    private ScriptedServer server;
    private GeminiClient client;

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Answer run(GeminiSettings settings, ScriptedServer.Reply... replies) throws Exception {
        server = new ScriptedServer(replies);
        client = h.client(settings == null ? Harness.settings(server.baseUrl())
                : settings.withBaseUrl(server.baseUrl()));
        Answer a = call(client, BODY);
        assertEquals(0, client.inFlight());
        return a;
    }

    private Answer run(ScriptedServer.Reply... replies) throws Exception {
        return run(null, replies);
    }

    @Test
    void cutStreamIsRetriedAndCompleted() throws Exception {
        Answer a = run(Replies.cutAfter(TEXT, 400), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(2, a.attempts());
        assertEquals(2, server.requests().size());
        assertEquals("CONNECTION_LOST", h.events.get(0).errorStatus());
        assertTrue(h.events.get(0).willRetry());
        assertNull(h.events.get(1).errorStatus());
    }

    @Test
    void stallHitsTheIdleTimeoutAndIsRetried() throws Exception {
        Timeouts t = Harness.timeouts();
        GeminiSettings s = Harness.withTimeouts(Harness.settings("http://127.0.0.1"), new Timeouts(
                t.connect(), t.firstByte(), Duration.ofMillis(300), t.attempt(), t.row(), t.shutdownGrace()));
        Answer a = run(s, Replies.stallAfter(TEXT, 400), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(2, a.attempts());
        assertEquals("TIMEOUT", h.events.get(0).errorStatus());
        assertEquals(200, h.events.get(0).httpCode());
        assertTrue(h.events.get(0).ttftMs() != null);
        assertTrue(server.awaitHangups(1), "the timed-out connection was not closed");
    }

    @Test
    void noResponseHitsTheFirstByteTimeoutAndIsRetried() throws Exception {
        Timeouts t = Harness.timeouts();
        GeminiSettings s = Harness.withTimeouts(Harness.settings("http://127.0.0.1"), new Timeouts(
                t.connect(), Duration.ofMillis(300), t.idle(), t.attempt(), t.row(), t.shutdownGrace()));
        Answer a = run(s, Replies.silence(), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("TIMEOUT", h.events.get(0).errorStatus());
        assertNull(h.events.get(0).httpCode());
        assertNull(h.events.get(0).ttftMs());
    }

    @Test
    void failedAttemptMessagesNameTheDeadlineThatFired() throws Exception {
        Timeouts t = Harness.timeouts();
        GeminiSettings s = Harness.withTimeouts(Harness.settings("http://127.0.0.1"), new Timeouts(
                t.connect(), Duration.ofMillis(200), Duration.ofMillis(200), t.attempt(), t.row(), t.shutdownGrace()));
        s = new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), s.limiter(),
                s.timeouts(), new dev.gembatch.config.RetrySettings(2, Duration.ofMillis(1),
                Duration.ofMillis(1)), false, s.userAgent());
        Answer a = run(s, Replies.silence(), Replies.stallAfter(TEXT, 400));

        assertEquals(Status.FAILED, a.status());
        assertTrue(a.error().message().contains("silent"), a.error().message());
        assertEquals("The", a.first().text());
    }

    @Test
    void streamEndingWithoutFinishReasonIsRetried() throws Exception {
        byte[] twoEvents = utf8(new String(TEXT, java.nio.charset.StandardCharsets.UTF_8)
                .split("\r\n\r\n")[0] + "\r\n\r\n");
        Answer a = run(Replies.stream(twoEvents), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("STREAM_INCOMPLETE", h.events.get(0).errorStatus());
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
        assertEquals("UNAVAILABLE", h.events.get(0).errorStatus());
        assertEquals(200, h.events.get(0).httpCode());
    }

    @Test
    void inBandBareObjectErrorIsRetriedByItsCode() throws Exception {
        byte[] bare = utf8("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                + "\"Part\"}],\"role\": \"model\"}}]}\r\n\r\n{\n  \"error\": {\n    \"code\": 500,\n"
                + "    \"message\": \"An internal error has occurred.\",\n    \"status\": "
                + "\"INTERNAL\"\n  }\n}\n");
        Answer a = run(Replies.stream(bare), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("INTERNAL", h.events.get(0).errorStatus());
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
        h.random = 0.0;
        Answer a = run(Replies.status(429,
                capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json")),
                Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(Duration.ofSeconds(26), h.backoffs.get(0));
        assertEquals(Duration.ofSeconds(26), h.events.get(0).backoff());
        assertEquals("RESOURCE_EXHAUSTED", h.events.get(0).errorStatus());
    }

    @Test
    void retryAfterHeaderIsTheMinimumWait() throws Exception {
        h.random = 0.99;
        Answer a = run(Replies.status(503, capture("error-503-model-overloaded.json"),
                Replies.JSON, "Retry-After: 90"), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals(Duration.ofSeconds(90), h.backoffs.get(0));
    }

    @Test
    void backoffIsFullJitterBelowTheExponentialCeiling() throws Exception {
        h.random = 0.5;
        Answer a = run(Replies.status(500, capture("error-500-internal.json")),
                Replies.status(500, capture("error-500-internal.json")), Replies.stream(TEXT));

        assertEquals(3, a.attempts());
        assertEquals(Duration.ofMillis(500), h.backoffs.get(0));
        assertEquals(Duration.ofMillis(1000), h.backoffs.get(1));
    }

    @Test
    void html502IsUnexpectedResponseAndRetried() throws Exception {
        Answer a = run(Replies.status(502, utf8("<html><body><h1>502 Bad Gateway</h1></body></html>"),
                "Content-Type: text/html"), Replies.stream(TEXT));

        assertEquals(Status.OK, a.status());
        assertEquals("UNEXPECTED_RESPONSE", h.events.get(0).errorStatus());
        assertEquals(502, h.events.get(0).httpCode());
    }

    @Test
    void exhaustedAttemptsFailWithTheLastErrorAndKeepPartialText() throws Exception {
        Timeouts t = Harness.timeouts();
        GeminiSettings s = Harness.withTimeouts(Harness.settings("http://127.0.0.1"), new Timeouts(
                t.connect(), t.firstByte(), Duration.ofMillis(200), t.attempt(), t.row(), t.shutdownGrace()));
        Answer a = run(s, Replies.stallAfter(TEXT, 400));

        assertEquals(Status.FAILED, a.status());
        assertEquals(4, a.attempts());
        assertEquals(4, server.requests().size());
        assertEquals("TIMEOUT", a.error().status());
        assertTrue(a.error().retryable());
        assertEquals("The", a.first().text());
        assertEquals(1, a.chunks());
        assertFalse(h.events.get(3).willRetry());
        assertNull(h.events.get(3).backoff());
    }

    /** Issue 11 item 7b: a refused connection was CONNECTION_LOST, as if a stream had been cut. */
    @Test
    void refusedConnectionIsRetriedWithBackoffAndEndsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        client = h.client(Harness.settings("http://127.0.0.1:" + closed));
        Answer a = call(client, BODY);

        assertEquals(Status.FAILED, a.status());
        assertEquals("UNREACHABLE", a.error().status());
        assertTrue(a.error().message().contains("refused"), a.error().message());
        assertEquals(4, a.attempts());
        assertEquals(3, h.backoffs.size());
    }

    @Test
    void rowDeadlineEndsInFailedTimeout() throws Exception {
        Timeouts t = Harness.timeouts();
        GeminiSettings s = Harness.withTimeouts(Harness.settings("http://127.0.0.1"), new Timeouts(
                t.connect(), t.firstByte(), t.idle(), t.attempt(), Duration.ofMillis(400), t.shutdownGrace()));
        Answer a = run(s, Replies.silence());

        assertEquals(Status.FAILED, a.status());
        assertEquals("TIMEOUT", a.error().status());
        assertTrue(a.error().retryable());
        assertTrue(a.error().message().contains("row"), a.error().message());
        assertTrue(server.awaitHangups(1));
        assertEquals(1, a.attempts());
        assertTrue(a.latencyMs() >= 400);
    }
}
