package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.QuotaSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.limit.Limiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 429 with a RetryInfo delay holds every send of the JVM, not only the row that got it. */
class QuotaPauseTest {
    private static final byte[] QUOTA_429 =
            capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json"); // 26s
    private static final Duration SERVER_DELAY = Duration.ofSeconds(26);
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final CompletableFuture<Duration> quotaWait = new CompletableFuture<>();
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

    /**
     * Deadlines run on real timers; a wait of the order of the server's delay is recorded (the
     * quota's pause) and backoff waits are skipped, so the test never sleeps through either.
     */
    private ClientClock env() {
        Limiter.Timer real = (d, task) -> {
            if (d.compareTo(SERVER_DELAY.minusSeconds(5)) > 0 && d.compareTo(SERVER_DELAY) <= 0) {
                quotaWait.complete(d);
            }
            return timer.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        };
        Limiter.Timer skipped = (d, task) -> timer.schedule(task, 0, TimeUnit.NANOSECONDS);
        return new ClientClock(real, skipped, () -> 0.5, System::nanoTime, Clock.systemUTC(),
                timer::shutdownNow);
    }

    private GeminiClient client(QuotaSettings quota) throws IOException {
        server = new ScriptedServer(Replies.status(429, QUOTA_429), Replies.stream(RetryTest.TEXT));
        GeminiSettings s = Harness.settings(server.baseUrl()).withQuota(quota);
        return GeminiClient.create(s, null, env(), null);
    }

    @Test
    void a429WithRetryInfoPausesEveryRowOfTheJvmForTheServersDelay() throws Exception {
        client = client(new QuotaSettings(6000, 0, 1));
        CompletableFuture<Answer> first = client.send(new GeminiRequest(Harness.MODEL, Harness.BODY));

        Duration held = quotaWait.get(10, TimeUnit.SECONDS);
        assertTrue(held.compareTo(SERVER_DELAY.minusSeconds(2)) > 0, "paused for " + held);
        CompletableFuture<Answer> second = client.send(new GeminiRequest(Harness.MODEL,
                Harness.BODY));
        assertEquals(1, server.requests().size());
        assertFalse(first.isDone() || second.isDone());

        client.close();
        assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
        assertEquals(0, client.inFlight());
    }

    @Test
    void withoutAQuotaA429OnlyDelaysTheRetryOfItsOwnRow() throws Exception {
        client = client(QuotaSettings.NONE);

        Answer a = client.send(new GeminiRequest(Harness.MODEL, Harness.BODY))
                .get(10, TimeUnit.SECONDS);
        assertEquals(2, a.attempts());
        assertFalse(quotaWait.isDone());
    }
}
