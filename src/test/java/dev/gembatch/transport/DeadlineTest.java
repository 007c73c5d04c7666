package dev.gembatch.transport;

import static dev.gembatch.transport.RetryTest.TEXT;
import static dev.gembatch.transport.TestSettings.withFirstByte;
import static dev.gembatch.transport.TestSettings.withIdle;
import static dev.gembatch.transport.TestSettings.withRetry;
import static dev.gembatch.transport.TestSettings.withRowDeadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * First-byte, idle and row deadlines: which fires, what it ends, what is retried and kept. A
 * deadline fires when the test moves the fixture's clock ({@link TransportFixture#expire}),
 * never on a real timer; the durations below are clock readings, not waits.
 */
class DeadlineTest {
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private ScriptedServer server;
    private GeminiClient client;

    /** Starts the row against a server answering {@code replies}, with settings so changed. */
    private CompletableFuture<Answer> start(UnaryOperator<GeminiSettings> change,
                                            ScriptedServer.Reply... replies) throws Exception {
        server = net.serve(replies);
        client = net.client(change.apply(net.settings()));
        return TransportFixture.send(client);
    }

    private Answer answer(CompletableFuture<Answer> row) throws Exception {
        Answer a = row.get(30, TimeUnit.SECONDS);
        assertEquals(0, client.inFlight());
        return a;
    }

    /**
     * Waits for the server to have request n before a silent reply's deadline is fired: fired at
     * once, it could cancel the attempt before its bytes left the client, and the next attempt
     * would then get the silent reply (the script goes by requests received).
     */
    private void awaitRequest(int n) throws InterruptedException {
        assertTrue(server.awaitRequests(n), "request " + n + " never arrived");
    }

    @Test
    void stallHitsTheIdleTimeoutAndIsRetried() throws Exception {
        Duration idle = Duration.ofMillis(300);
        CompletableFuture<Answer> row = start(s -> withIdle(s, idle),
                Replies.stallAfter(TEXT, 400), Replies.stream(TEXT));
        net.expire(idle);
        Answer a = answer(row);

        assertEquals(Status.OK, a.status());
        assertEquals(2, a.attempts());
        assertEquals("TIMEOUT", net.events.get(0).errorStatus());
        assertEquals(200, net.events.get(0).httpCode());
        assertTrue(net.events.get(0).ttftMs() != null);
        assertTrue(server.awaitHangups(1), "the timed-out connection was not closed");
    }

    @Test
    void noResponseHitsTheFirstByteTimeoutAndIsRetried() throws Exception {
        Duration firstByte = Duration.ofMillis(300);
        CompletableFuture<Answer> row = start(s -> withFirstByte(s, firstByte),
                Replies.silence(), Replies.stream(TEXT));
        awaitRequest(1);
        net.expire(firstByte);
        Answer a = answer(row);

        assertEquals(Status.OK, a.status());
        assertEquals("TIMEOUT", net.events.get(0).errorStatus());
        assertNull(net.events.get(0).httpCode());
        assertNull(net.events.get(0).ttftMs());
    }

    @Test
    void failedAttemptMessagesNameTheDeadlineThatFired() throws Exception {
        Duration firstByte = Duration.ofMillis(200);
        Duration idle = Duration.ofMillis(300); // told apart from firstByte by its length
        Duration ms = Duration.ofMillis(1);
        CompletableFuture<Answer> row = start(
                s -> withRetry(withIdle(withFirstByte(s, firstByte), idle), 2, ms, ms),
                Replies.silence(), Replies.stallAfter(TEXT, 400));
        awaitRequest(1);
        net.expire(firstByte);
        net.expire(idle);
        Answer a = answer(row);

        assertEquals(Status.FAILED, a.status());
        assertTrue(a.error().message().contains("silent"), a.error().message());
        assertEquals("The", a.first().text());
    }

    @Test
    void exhaustedAttemptsFailWithTheLastErrorAndKeepPartialText() throws Exception {
        Duration idle = Duration.ofMillis(200);
        CompletableFuture<Answer> row = start(s -> withIdle(s, idle),
                Replies.stallAfter(TEXT, 400));
        for (int attempt = 1; attempt <= 4; attempt++) {
            net.expire(idle);
        }
        Answer a = answer(row);

        assertEquals(Status.FAILED, a.status());
        assertEquals(4, a.attempts());
        assertEquals(4, server.requests().size());
        assertEquals("TIMEOUT", a.error().status());
        assertTrue(a.error().retryable());
        assertEquals("The", a.first().text());
        assertEquals(1, a.chunks());
        assertFalse(net.events.get(3).willRetry());
        assertNull(net.events.get(3).backoff());
    }

    @Test
    void rowDeadlineEndsInFailedTimeout() throws Exception {
        Duration rowDeadline = Duration.ofMillis(400);
        CompletableFuture<Answer> row = start(s -> withRowDeadline(s, rowDeadline),
                Replies.silence());
        awaitRequest(1);
        net.expire(rowDeadline);
        Answer a = answer(row);

        assertEquals(Status.FAILED, a.status());
        assertEquals("TIMEOUT", a.error().status());
        assertTrue(a.error().retryable());
        assertTrue(a.error().message().contains("row"), a.error().message());
        assertTrue(server.awaitHangups(1));
        assertEquals(1, a.attempts());
        assertTrue(a.latencyMs() >= 400);
    }
}
