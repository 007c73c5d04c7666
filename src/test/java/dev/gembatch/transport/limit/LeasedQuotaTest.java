package dev.gembatch.transport.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Executors' limiters leasing one quota from the driver's {@link QuotaLeases}, on a manual clock:
 * every executor keeps far more rows waiting than the quota lets through, and the sends of all of
 * them, counted at the instant each turn is granted, are checked against the quota.
 */
class LeasedQuotaTest {
    private static final Duration STEP = Duration.ofMillis(10);
    /** 10 requests a second; a burst of half a second: 5 at once. */
    private static final QuotaSettings QUOTA = QuotaSettings.of(600, 0)
            .withBurst(Duration.ofMillis(500));
    private static final double BURST = 5;
    private final ManualTime time = new ManualTime();
    private final LeaseNet net = new LeaseNet(time);
    private final List<Long> sends = new ArrayList<>();

    @Test
    void threeExecutorsTogetherSendWithinTheQuotaAndUseAllOfIt() {
        List<Integer> perExecutor = new ArrayList<>();
        List<List<CompletableFuture<Limiter.Permit>>> all = new ArrayList<>();
        for (String id : List.of("1", "2", "3")) {
            all.add(waiting(net.executor(id, QUOTA, 10_000), 2_000));
        }
        run(Duration.ofSeconds(60));

        all.forEach(f -> perExecutor.add((int) f.stream().filter(CompletableFuture::isDone).count()));
        assertWithinQuota(0, Duration.ofSeconds(60));
        assertTrue(sends.size() >= 0.95 * 600, "sent " + sends.size() + " of 600 in a minute");
        assertTrue(perExecutor.stream().allMatch(n -> n >= 150), "an executor was starved: "
                + perExecutor);
    }

    @Test
    void executorsWhoseMessagesTakeTimeShareTheQuotaFairly() {
        List<List<CompletableFuture<Limiter.Permit>>> all = new ArrayList<>();
        QuotaSettings small = QuotaSettings.of(1_200, 0).withBurst(Duration.ofMillis(100));
        for (String id : List.of("0", "1", "2")) {
            LeaseNet.Channel c = net.channel(id);
            c.latency = Duration.ofMillis(30);
            List<CompletableFuture<Limiter.Permit>> rows = waiting(Limiter.of(
                    dev.gembatch.config.LimiterSettings.fixed(16), small.leasedFromDriver(), time,
                    time, c), 2_000);
            rows.forEach(f -> f.thenAccept(p -> p.release(Limiter.Signal.SUCCESS)));
            all.add(rows);
        }
        run(Duration.ofSeconds(30));

        List<Long> each = all.stream().map(f -> f.stream().filter(CompletableFuture::isDone)
                .count()).toList();
        assertTrue(sends.size() >= 0.95 * 600 && sends.size() <= 600 + 2, "sent " + sends.size()
                + " of 600 in 30 s: " + each);
        assertTrue(each.stream().allMatch(n -> n >= 150), "an executor was starved: " + each);
    }

    @Test
    void executorsJoiningAndLeavingNeverRaiseTheTotal() {
        Limiter first = net.executor("1", QUOTA, 10_000);
        waiting(first, 2_000);
        run(Duration.ofSeconds(20));
        int alone = sends.size();
        LeaseNet.Channel lost = net.channel("2");
        Limiter second = Limiter.of(dev.gembatch.config.LimiterSettings.fixed(10_000),
                QUOTA.leasedFromDriver(), time, time, lost);
        List<CompletableFuture<Limiter.Permit>> doomed = waiting(second, 2_000);
        waiting(net.executor("3", QUOTA, 10_000), 2_000);
        run(Duration.ofSeconds(20));
        int three = sends.size() - alone;
        lost.down = true; // executor 2 is lost: it never asks, spends or reports again
        doomed.forEach(f -> f.cancel(false));
        run(Duration.ofSeconds(20));
        int afterLoss = sends.size() - alone - three;

        assertWithinQuota(0, Duration.ofSeconds(60));
        for (int n : List.of(alone, three, afterLoss)) {
            assertTrue(n >= 0.95 * 200 && n <= 200 + BURST, "20 s phases sent " + alone + ", "
                    + three + ", " + afterLoss + "; the quota allows 200 each");
        }
    }

    @Test
    void aPerDayQuotaSpentOnOneExecutorStopsEveryExecutor() throws Exception {
        Limiter one = net.executor("1", QUOTA, 10_000);
        Limiter two = net.executor("2", QUOTA, 10_000);
        List<CompletableFuture<Limiter.Permit>> onesRows = waiting(one, 100);
        List<CompletableFuture<Limiter.Permit>> twosRows = waiting(two, 100);
        run(Duration.ofSeconds(1));

        one.exhaust("the project's per-day quota is spent");
        assertSpent(onesRows.get(onesRows.size() - 1));
        run(LeaseLedger.LEASE);

        assertSpent(twosRows.get(twosRows.size() - 1));
        assertEquals("the project's per-day quota is spent", two.exhausted());
        assertSpent(two.acquire(10));
        int sent = sends.size();
        run(Duration.ofSeconds(10));
        assertEquals(sent, sends.size(), "a send after the day's quota was spent");
    }

    @Test
    void anExecutorCutOffFromTheDriverSendsNothingBeyondItsLease() {
        LeaseNet.Channel channel = net.channel("1");
        Limiter cut = Limiter.of(dev.gembatch.config.LimiterSettings.fixed(10_000),
                QUOTA.leasedFromDriver(), time, time, channel);
        waiting(cut, 1_000);
        run(Duration.ofSeconds(5));
        int before = sends.size();
        channel.down = true;
        run(Duration.ofSeconds(30));

        assertTrue(sends.size() - before <= BURST, (sends.size() - before)
                + " sends without the driver; the lease held at most " + BURST);
        assertTrue(channel.asks > 0);
    }

    @Test
    void tokensUsedBeyondTheEstimateAreADebtPaidBeforeMoreIsGranted() {
        QuotaSettings tokens = QuotaSettings.of(0, 6_000); // 100 tokens a second, 100 at once
        Limiter l = net.executor("1", tokens, 10);
        CompletableFuture<Limiter.Permit> first = l.acquire(50);
        assertTrue(first.isDone());
        l.correct(150); // the answer said 200 prompt tokens, not 50: 100 beyond what was left

        CompletableFuture<Limiter.Permit> second = l.acquire(50);
        time.advance(Duration.ofMillis(1_490));
        assertFalse(second.isDone(), "granted before the debt of 100 and its 50 were refilled");
        time.advance(Duration.ofMillis(20));
        assertTrue(second.isDone());
    }

    /** {@code n} turns of 10 tokens waiting on {@code l}, each recording when it is granted. */
    private List<CompletableFuture<Limiter.Permit>> waiting(Limiter l, int n) {
        List<CompletableFuture<Limiter.Permit>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Limiter.Permit> f = l.acquire(10);
            f.thenRun(() -> sends.add(time.getAsLong()));
            all.add(f);
        }
        return all;
    }

    private void run(Duration d) {
        for (long t = 0; t < d.toMillis(); t += STEP.toMillis()) {
            time.advance(STEP);
        }
    }

    /** No window of the run holds more than the quota's rate over it plus the burst. */
    private void assertWithinQuota(long fromNanos, Duration length) {
        long start = sends.isEmpty() ? 0 : sends.get(0);
        for (int i = 0; i < sends.size(); i++) {
            for (int j = i; j < sends.size(); j++) {
                double seconds = (sends.get(j) - sends.get(i)) / 1e9;
                int count = j - i + 1;
                if (count > 10 * seconds + BURST + 1e-6) {
                    throw new AssertionError(count + " sends within " + seconds + " s (from "
                            + (sends.get(i) - start) / 1e6 + " ms); the quota allows "
                            + (10 * seconds + BURST));
                }
            }
        }
        assertTrue(fromNanos >= 0 && !length.isNegative());
    }

    private static void assertSpent(CompletableFuture<Limiter.Permit> f) throws Exception {
        assertTrue(f.isDone(), "still waiting");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, f::get);
        assertNotNull(e.getCause());
        assertEquals(QuotaExhaustedException.class, e.getCause().getClass());
    }
}
