package dev.gembatch.transport.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class QuotaTest {
    private static final Duration MS = Duration.ofMillis(1);
    private final ManualTime time = new ManualTime();

    private Limiter limiter(int concurrency, double rpm, double tpm) {
        return Limiter.of(LimiterSettings.fixed(concurrency), QuotaSettings.of(rpm, tpm),
                time, time);
    }

    private static List<CompletableFuture<Limiter.Permit>> acquire(Limiter l, int n, long tokens) {
        List<CompletableFuture<Limiter.Permit>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(l.acquire(tokens));
        }
        return all;
    }

    private static long done(List<CompletableFuture<Limiter.Permit>> f) {
        return f.stream().filter(CompletableFuture::isDone).count();
    }

    @Test
    void requestsLeaveEvenlySpacedAtTheShareOfTheQuota() {
        Limiter l = limiter(10, 120, 0); // 2 a second: one every 500 ms
        List<CompletableFuture<Limiter.Permit>> f = acquire(l, 4, 10);

        assertEquals(1, done(f));
        time.advance(Duration.ofMillis(499));
        assertEquals(1, done(f));
        time.advance(MS);
        assertEquals(2, done(f));
        time.advance(Duration.ofMillis(1000));
        assertEquals(4, done(f));
        assertEquals(4, l.inFlight());
    }

    @Test
    void anIdleJvmSavesNoBurstBeyondOneRequest() {
        Limiter l = limiter(10, 60, 0);
        time.advance(Duration.ofMinutes(5));
        List<CompletableFuture<Limiter.Permit>> f = acquire(l, 3, 10);

        assertEquals(1, done(f));
        time.advance(Duration.ofMillis(999));
        assertEquals(1, done(f));
    }

    @Test
    void aMinuteNeverSendsMoreThanTheShare() {
        Limiter l = limiter(1000, 90, 0);
        List<CompletableFuture<Limiter.Permit>> f = acquire(l, 200, 1);
        time.advance(Duration.ofSeconds(60).minus(MS));

        assertEquals(90, done(f));
    }

    @Test
    void aServerDelayPausesEverySendUntilItHasPassed() {
        Limiter l = limiter(10, 600, 0);
        l.acquire(1).join();
        l.pause(Duration.ofSeconds(7));
        CompletableFuture<Limiter.Permit> next = l.acquire(1);

        time.advance(Duration.ofMillis(6999));
        assertFalse(next.isDone());
        time.advance(MS);
        assertTrue(next.isDone());
    }

    @Test
    void aShorterPauseDoesNotCutALongerOneShort() {
        Limiter l = limiter(10, 600, 0);
        l.pause(Duration.ofSeconds(5));
        l.pause(Duration.ofSeconds(1));
        CompletableFuture<Limiter.Permit> next = l.acquire(1);

        time.advance(Duration.ofMillis(4999));
        assertFalse(next.isDone());
        time.advance(MS);
        assertTrue(next.isDone());
    }

    @Test
    void inputTokensWaitForTheirShareAndUsageCorrectsTheEstimate() {
        Limiter l = limiter(10, 0, 6000); // 100 tokens a second, bucket of 100
        CompletableFuture<Limiter.Permit> first = l.acquire(100);
        CompletableFuture<Limiter.Permit> second = l.acquire(50);
        assertTrue(first.isDone());
        assertFalse(second.isDone());

        l.correct(-40); // the first request used 60 tokens, not 100
        assertFalse(second.isDone());
        time.advance(Duration.ofMillis(99));
        assertFalse(second.isDone());
        time.advance(MS);
        assertTrue(second.isDone());
    }

    @Test
    void anUnderestimateIsChargedAfterwards() {
        Limiter l = limiter(10, 0, 6000);
        l.acquire(100).join();
        l.correct(100); // it really used 200: the bucket is 100 in debt
        CompletableFuture<Limiter.Permit> next = l.acquire(10);

        time.advance(Duration.ofMillis(1099));
        assertFalse(next.isDone());
        time.advance(MS);
        assertTrue(next.isDone());
    }

    @Test
    void aRequestLargerThanTheBucketWaitsForAFullBucket() {
        Limiter l = limiter(10, 0, 6000);
        l.acquire(10).join();
        CompletableFuture<Limiter.Permit> big = l.acquire(5000);

        time.advance(Duration.ofMillis(99));
        assertFalse(big.isDone());
        time.advance(MS);
        assertTrue(big.isDone());
    }

    @Test
    void theQuotaTurnComesAfterAFreeSlotSoAQueuedRowSpendsNoTurn() {
        Limiter l = limiter(1, 60, 0);
        Limiter.Permit held = l.acquire(1).join();
        CompletableFuture<Limiter.Permit> queued = l.acquire(1);
        time.advance(Duration.ofSeconds(10));
        assertFalse(queued.isDone());

        held.release(Limiter.Signal.SUCCESS);
        assertTrue(queued.isDone(), "the quota had refilled while the row waited for a slot");
    }

    @Test
    void withdrawingAWaitingRequestFreesItsSlotAndSpendsNoTurn() {
        Limiter l = limiter(2, 60, 0);
        l.acquire(1).join();
        CompletableFuture<Limiter.Permit> withdrawn = l.acquire(1);
        assertEquals(2, l.inFlight());

        withdrawn.cancel(false);
        assertEquals(1, l.inFlight());
        CompletableFuture<Limiter.Permit> next = l.acquire(1);
        time.advance(Duration.ofSeconds(1));
        assertTrue(next.isDone());
        assertEquals(0, time.pending());
    }

    @Test
    void closingFailsRequestsWaitingForTheQuotaAndReleasesTheirSlots() {
        Limiter l = limiter(4, 60, 0);
        l.acquire(1).join();
        CompletableFuture<Limiter.Permit> waiting = l.acquire(1);

        l.close();
        ExecutionException e = assertThrows(ExecutionException.class, waiting::get);
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals(1, l.inFlight());
        assertEquals(0, time.pending());
    }

    @Test
    void withoutAQuotaNothingIsPacedOrPaused() {
        Limiter l = limiter(3, 0, 0);
        l.pause(Duration.ofMinutes(1));
        List<CompletableFuture<Limiter.Permit>> f = acquire(l, 3, 1_000_000);

        assertEquals(3, done(f));
        assertEquals(0, time.pending());
    }

    @Test
    void aQuotaIsSplitEvenlyAmongExecutorJvms() {
        QuotaSettings share = QuotaSettings.of(1000, 90_000).share(4);

        assertEquals(250, share.requestsPerMinute());
        assertEquals(22_500, share.tokensPerMinute());
        assertThrows(IllegalArgumentException.class, () -> QuotaSettings.NONE.share(0));
    }
}
