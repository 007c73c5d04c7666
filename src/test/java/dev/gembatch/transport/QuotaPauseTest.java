package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.QuotaSettings;
import dev.gembatch.model.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 429 with a RetryInfo delay holds every send of the JVM, not only the row that got it. */
class QuotaPauseTest {
    private static final byte[] QUOTA_429 =
            capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json"); // 26s
    private static final Duration SERVER_DELAY = Duration.ofSeconds(26);
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private GeminiClient client;

    /**
     * The quota's pause is a timer on the fixture's clock of the order of the server's delay,
     * which the test finds armed and never lets fire; backoff waits are recorded and skipped, so
     * the test sleeps through neither.
     */
    private static boolean quotaWait(Duration d) {
        return d.compareTo(SERVER_DELAY.minusSeconds(5)) > 0 && d.compareTo(SERVER_DELAY) <= 0;
    }

    private GeminiClient client(QuotaSettings quota) throws IOException {
        net.serve(Replies.status(429, QUOTA_429), Replies.stream(RetryTest.TEXT));
        return net.client(net.settings().withQuota(quota));
    }

    @Test
    void a429WithRetryInfoPausesEveryRowOfTheJvmForTheServersDelay() throws Exception {
        client = client(new QuotaSettings(6000, 0, 1, java.time.Duration.ZERO, false));
        CompletableFuture<Answer> first = TransportFixture.send(client);

        Duration held = net.clock.awaitArmed(QuotaPauseTest::quotaWait);
        assertTrue(held.compareTo(SERVER_DELAY.minusSeconds(2)) > 0, "paused for " + held);
        CompletableFuture<Answer> second = TransportFixture.send(client);
        assertEquals(1, net.server().requests().size());
        assertFalse(first.isDone() || second.isDone());

        client.close();
        assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
        assertEquals(0, client.inFlight());
    }

    @Test
    void withoutAQuotaA429OnlyDelaysTheRetryOfItsOwnRow() throws Exception {
        client = client(QuotaSettings.NONE);

        Answer a = TransportFixture.send(client).get(10, TimeUnit.SECONDS);
        assertEquals(2, a.attempts());
        assertFalse(net.clock.wasArmed(QuotaPauseTest::quotaWait));
    }
}
