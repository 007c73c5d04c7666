package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The inactivity deadline on a clock the test moves: activity pushes the deadline back by the
 * whole window, re-arming for what is left instead of expiring; the phase armed last is the one
 * reported; a cancelled watch reports nothing.
 */
class SilenceWatchTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Scheduled> timers = new ArrayList<>();
    private final List<Deadline> expired = new ArrayList<>();
    private final SilenceWatch watch = new SilenceWatch(new ClientClock(this::schedule,
            this::schedule, () -> 0.0, now::get, Clock.systemUTC(), () -> { }), expired::add);

    private record Scheduled(long at, Runnable task, CompletableFuture<Void> handle) {
    }

    private Future<?> schedule(Duration delay, Runnable task) {
        Scheduled s = new Scheduled(now.get() + delay.toNanos(), task, new CompletableFuture<>());
        timers.add(s);
        return s.handle();
    }

    /** Moves the clock to {@code millis} and runs the due timers that were not cancelled. */
    private void advanceTo(long millis) {
        now.set(Duration.ofMillis(millis).toNanos());
        for (Scheduled s : List.copyOf(timers)) {
            if (s.at() <= now.get()) {
                timers.remove(s);
                if (!s.handle().isCancelled()) {
                    s.task().run();
                }
            }
        }
    }

    @Test
    void activityPushesTheDeadlineBackByTheWholeWindow() {
        watch.arm(Deadline.FIRST_BYTE, Duration.ofMillis(100));
        advanceTo(60);
        watch.arm(Deadline.IDLE, Duration.ofMillis(100)); // first byte at 60 ms
        advanceTo(120);
        watch.activity(now.get());
        advanceTo(160); // 100 ms after the first byte, but only 40 ms after the last
        assertEquals(List.of(), expired);
        advanceTo(219);
        assertEquals(List.of(), expired);
        advanceTo(220);
        assertEquals(List.of(Deadline.IDLE), expired);
    }

    @Test
    void theFirstPhaseExpiresWhenNothingArrives() {
        watch.arm(Deadline.FIRST_BYTE, Duration.ofMillis(100));
        advanceTo(100);
        assertEquals(List.of(Deadline.FIRST_BYTE), expired);
    }

    @Test
    void aCancelledWatchReportsNothingAndArmsNoMore() {
        watch.arm(Deadline.FIRST_BYTE, Duration.ofMillis(100));
        watch.cancel();
        watch.arm(Deadline.IDLE, Duration.ofMillis(10));
        advanceTo(1_000);
        assertEquals(List.of(), expired);
        assertTrue(timers.isEmpty());
    }
}
