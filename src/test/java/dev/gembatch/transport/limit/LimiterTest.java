package dev.gembatch.transport.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.LimiterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LimiterTest {

    private static List<CompletableFuture<Limiter.Permit>> acquire(Limiter l, int n) {
        List<CompletableFuture<Limiter.Permit>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(l.acquire());
        }
        return all;
    }

    @Test
    void fixedLimitQueuesTheRestUntilAPermitIsReleased() {
        Limiter l = Limiter.of(LimiterSettings.fixed(2));
        List<CompletableFuture<Limiter.Permit>> f = acquire(l, 3);

        assertTrue(f.get(0).isDone() && f.get(1).isDone());
        assertFalse(f.get(2).isDone());
        assertEquals(2, l.inFlight());
        f.get(0).join().release(Limiter.Signal.SUCCESS);
        assertTrue(f.get(2).isDone());
        assertEquals(2, l.inFlight());
        assertEquals(2, l.limit());
    }

    @Test
    void releasingTwiceCountsOnce() {
        Limiter l = Limiter.of(LimiterSettings.fixed(1));
        Limiter.Permit p = l.acquire().join();
        CompletableFuture<Limiter.Permit> waiting = l.acquire();

        p.release(Limiter.Signal.IGNORE);
        p.release(Limiter.Signal.IGNORE);

        assertTrue(waiting.isDone());
        assertEquals(1, l.inFlight());
        waiting.join().release(Limiter.Signal.IGNORE);
        assertEquals(0, l.inFlight());
    }

    @Test
    void aCancelledWaiterDoesNotSwallowAPermit() {
        Limiter l = Limiter.of(LimiterSettings.fixed(1));
        Limiter.Permit p = l.acquire().join();
        CompletableFuture<Limiter.Permit> gaveUp = l.acquire();
        CompletableFuture<Limiter.Permit> next = l.acquire();

        gaveUp.cancel(false);
        p.release(Limiter.Signal.SUCCESS);

        assertTrue(next.isDone() && !next.isCompletedExceptionally());
        assertEquals(1, l.inFlight());
    }

    @Test
    void closeFailsWaitersButHeldPermitsStillReturn() {
        Limiter l = Limiter.of(LimiterSettings.fixed(1));
        Limiter.Permit p = l.acquire().join();
        CompletableFuture<Limiter.Permit> waiting = l.acquire();

        l.close();

        assertThrows(ExecutionException.class, waiting::get);
        assertTrue(l.acquire().isCompletedExceptionally());
        p.release(Limiter.Signal.SUCCESS);
        assertEquals(0, l.inFlight());
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Limiter.of(new LimiterSettings(true, 4, 5, 3)));
        assertThrows(IllegalArgumentException.class, () -> Limiter.of(LimiterSettings.fixed(0)));
    }
}
