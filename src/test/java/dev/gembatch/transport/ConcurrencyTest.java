package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static dev.gembatch.transport.TestSettings.withLimiter;
import static dev.gembatch.transport.TransportFixture.BODY;
import static dev.gembatch.transport.TransportFixture.MODEL;
import static dev.gembatch.transport.TransportFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.LimiterSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limiter seen from the server, permits on every path, close and cancel. */
class ConcurrencyTest {
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private ScriptedServer server;
    private GeminiClient client;

    @Test
    void limiterNeverExceedsItsCapAndReturnsEveryPermit() throws Exception {
        CyclicBarrier groupOfThree = new CyclicBarrier(3);
        ScriptedServer.Reply held = (req, out) -> {
            try {
                groupOfThree.await(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.BrokenBarrierException
                     | java.util.concurrent.TimeoutException e) {
                throw new IOException("the group of three never formed", e);
            }
            return Replies.stream(RetryTest.TEXT).write(req, out);
        };
        server = net.serve(held);
        client = net.client(withLimiter(net.settings(), LimiterSettings.fixed(3)));

        List<CompletableFuture<Answer>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(client.send(new GeminiRequest(MODEL, BODY)));
        }
        for (CompletableFuture<Answer> f : all) {
            assertEquals(Status.OK, f.get(30, TimeUnit.SECONDS).status());
        }

        assertEquals(3, server.maxConcurrent());
        assertEquals(12, server.requests().size());
        assertEquals(0, client.inFlight());
    }

    @Test
    void adaptiveLimitHalvesWhenHalfAWindowIs429sAndGrowsBackByOnePerAnswer() throws Exception {
        ScriptedServer.Reply tooMany =
                Replies.status(429, capture("error-429-resource-exhausted-no-details-2026.json"));
        server = net.serve(tooMany, tooMany, tooMany, tooMany, tooMany,
                Replies.stream(RetryTest.TEXT));
        client = net.client(withLimiter(net.settings(),
                new LimiterSettings(true, 8, 1, 8)));

        call(client); // four 429s: the row fails
        call(client); // a fifth 429, then an answer
        assertEquals(5, client.limit()); // halved at 5 overloads of a window of 10, +1 for the answer
        call(client);
        call(client);
        call(client);
        assertEquals(8, client.limit());
        assertEquals(0, client.inFlight());
    }

    @Test
    void cutStreamsLeaveTheAdaptiveLimitAlone() throws Exception {
        ScriptedServer.Reply cut = Replies.cutAfter(RetryTest.TEXT, 400);
        server = net.serve(cut, cut, cut, cut, cut, cut, cut, cut, cut, cut, cut, cut,
                Replies.stream(RetryTest.TEXT));
        client = net.client(withLimiter(net.settings(),
                new LimiterSettings(true, 8, 1, 8)));

        for (int row = 0; row < 4; row++) {
            call(client);
        }

        assertEquals(13, server.requests().size());
        assertEquals(8, client.limit());
    }

    @Test
    void cancellingTheFutureAbandonsTheRequestAndFreesItsPermit() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server = net.serve((req, out) -> {
            arrived.countDown();
            out.stall();
            return false;
        });
        client = net.client();

        CompletableFuture<Answer> f = client.send(new GeminiRequest(MODEL, BODY));
        assertTrue(arrived.await(10, TimeUnit.SECONDS));
        assertEquals(1, client.inFlight());
        f.cancel(true);

        assertEquals(0, client.inFlight());
        assertTrue(server.awaitHangups(1), "the cancelled exchange kept its connection");
    }

    @Test
    void aRowInBackoffIsNotOnTheWireAndHoldsNoPermit() throws Exception {
        CountDownLatch retried = new CountDownLatch(1);
        server = net.serve(Replies.status(503, capture("error-503-model-overloaded.json")),
                (req, out) -> {
                    retried.countDown();
                    out.stall();
                    return false;
                });
        net.parkBackoffs();
        client = net.client();

        CompletableFuture<Answer> f = client.send(new GeminiRequest(MODEL, BODY));
        net.parked().get(10, TimeUnit.SECONDS);
        assertEquals(0, net.onWire.get(), "a row in backoff counted on the wire");
        assertEquals(0, client.inFlight(), "a row in backoff holds a permit");
        assertFalse(f.isDone());

        net.releaseBackoffs();
        assertTrue(retried.await(10, TimeUnit.SECONDS));
        assertEquals(1, net.onWire.get());
        assertEquals(1, client.inFlight());
        f.cancel(true);
        assertEquals(0, net.onWire.get(), "an abandoned attempt stayed on the wire");
        assertEquals(0, client.inFlight());
    }

    @Test
    void closeFailsPendingRequestsAndRefusesNewOnes() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server = net.serve((req, out) -> {
            arrived.countDown();
            out.stall();
            return false;
        });
        client = net.client(withLimiter(net.settings(), LimiterSettings.fixed(1)));
        CompletableFuture<Answer> running = client.send(new GeminiRequest(MODEL, BODY));
        CompletableFuture<Answer> queued = client.send(new GeminiRequest(MODEL, BODY));
        assertTrue(arrived.await(10, TimeUnit.SECONDS));

        client.close();

        assertClosed(running);
        assertClosed(queued);
        assertClosed(client.send(new GeminiRequest(MODEL, BODY)));
        assertEquals(0, client.inFlight());
        assertTrue(server.awaitHangups(1));
    }

    private static void assertClosed(CompletableFuture<Answer> f) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }
}
