package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static dev.gembatch.transport.TestSettings.KEY;
import static dev.gembatch.transport.TransportFixture.BODY;
import static dev.gembatch.transport.TransportFixture.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.Loopback;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes on the wire, and what a clean stream turns into. */
class RequestShapeTest {
    private static final String SSE_TEXT = "sse-text-3events-stop-prompt-count-changes-2.0-flash-exp.txt";
    @RegisterExtension
    final TransportFixture net = new TransportFixture();

    @Test
    void keyTravelsInHeaderAndNeverInUrlByDefault() throws Exception {
        ScriptedServer server = net.serve(Replies.stream(capture(SSE_TEXT)));

        Answer a = call(net.client());

        ScriptedServer.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", r.target());
        assertEquals(KEY, r.header("x-goog-api-key"));
        assertFalse(r.target().contains("key="));
        assertEquals("application/json", r.header("content-type"));
        assertEquals("gzip", r.header("accept-encoding"));
        assertEquals("gembatch/test", r.header("user-agent"));
        assertArrayEquals(BODY, r.body());
        assertEquals(Status.OK, a.status());
        assertEquals(1, a.attempts());
        assertEquals(3, a.chunks());
        assertTrue(a.first().text().startsWith("The capital of France"), a.first().text());
        assertEquals("gemini-2.0-flash-exp", a.modelVersion());
        assertNull(a.error());
    }

    @Test
    void queryAuthModePutsTheKeyInTheQueryAndNotInAHeader() throws Exception {
        ScriptedServer server = net.serve(Replies.stream(capture(SSE_TEXT)));
        GeminiClient client = net.client(
                TestSettings.withAuth(net.settings(), GeminiSettings.AuthMode.QUERY));

        assertEquals(Status.OK, call(client).status());

        ScriptedServer.Request r = server.requests().get(0);
        assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=" + KEY,
                r.target());
        assertNull(r.header("x-goog-api-key"));
    }

    @Test
    void vertexExpressModeCallsThePublisherModelWithTheKeyHeader() throws Exception {
        ScriptedServer server = net.serve(Replies.stream(capture(SSE_TEXT)));
        GeminiClient client = net.client(TestSettings.vertexExpress(net.settings()));

        assertEquals(Status.OK, call(client).status());

        ScriptedServer.Request r = server.requests().get(0);
        assertEquals("/v1/publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
                r.target());
        assertEquals(KEY, r.header("x-goog-api-key"));
        assertNull(r.header("authorization"));
    }

    @Test
    void jsonArrayFormatAsksWithoutAltAndIsDecoded() throws Exception {
        ScriptedServer server = net.serve(Replies.stream(
                capture("array-thought-then-functioncall-finishmessage-2.5-flash.json"), Replies.JSON));
        GeminiClient client = net.client(
                TestSettings.withWireFormat(net.settings(), GeminiSettings.WireFormat.JSON_ARRAY));

        Answer a = call(client);

        assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent",
                server.requests().get(0).target());
        assertTrue(a.chunks() > 1);
        assertTrue(a.first().finishReason() != null);
    }

    @Test
    void gzipStreamIsDecodedIncrementally() throws Exception {
        byte[] plain = capture("sse-thinking-summaries-2.5-pro-23events.txt");
        net.serve(Replies.gzipped(plain));

        Answer a = call(net.client());

        assertEquals(Status.OK, a.status(), String.valueOf(a.error()));
        assertEquals(23, a.chunks());
        assertFalse(a.first().thoughts().isEmpty());
        assertFalse(a.first().text().isEmpty());
    }

    @Test
    void promptBlockedIsAnAnswerAndNotRetried() throws Exception {
        ScriptedServer server = net.serve(
                Replies.stream(capture("sse-prompt-blocked-safety-promptfeedback-only.txt")));

        Answer a = call(net.client());

        assertEquals(Status.BLOCKED, a.status());
        assertEquals(1, server.requests().size());
        assertTrue(a.promptFeedback().blocked());
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedAtCreate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeminiClient.create(TestSettings.settings("http://example.com"),
                        AttemptListener.NONE));
        assertTrue(e.getMessage().contains("clear text"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeminiClient.create(
                TestSettings.settings("http://10.1.2.3:8080"), AttemptListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> GeminiClient.create(
                TestSettings.settings("ftp://127.0.0.1"), AttemptListener.NONE));
    }

    /** Regression (issue 12): config and transport disagreed on "127." host names. */
    @Test
    void hostNameStartingWith127IsRefusedAtCreate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeminiClient.create(TestSettings.settings("http://127.example.com:8080"),
                        AttemptListener.NONE));
        assertTrue(e.getMessage().contains("clear text"), e.getMessage());
    }

    @Test
    void loopbackAndTlsAndExplicitInsecureAreAccepted() {
        assertTrue(Loopback.isLoopback("localhost"));
        assertTrue(Loopback.isLoopback("127.8.9.10"));
        assertTrue(Loopback.isLoopback("[::1]"));
        assertFalse(Loopback.isLoopback("127.example.com"));
        assertFalse(Loopback.isLoopback("10.0.0.1"));
        GeminiSettings insecure =
                TestSettings.insecure(TestSettings.settings("http://10.1.2.3:8080"));
        GeminiClient.create(insecure, AttemptListener.NONE).close();
        GeminiClient.create(TestSettings.settings("https://generativelanguage.googleapis.com"),
                AttemptListener.NONE).close();
    }
}
