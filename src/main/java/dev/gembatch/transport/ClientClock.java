package dev.gembatch.transport;

import dev.gembatch.transport.limit.Limiter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A client's time, scheduling and jitter, injected so tests move a fake clock instead of
 * sleeping. Both timers are the limiter's {@link Limiter.Timer} (the package's one timer):
 * {@code deadlines} arms the attempt and row deadlines (and the quota's waits), {@code backoffs}
 * schedules the wait before a retry; {@code jitter} draws the backoff's random share in [0, 1),
 * {@code nanos} is the monotonic clock, {@code wall} stamps completion times, {@code shutdown}
 * frees the timer thread.
 */
record ClientClock(Limiter.Timer deadlines, Limiter.Timer backoffs, DoubleSupplier jitter,
                   LongSupplier nanos, Clock wall, Runnable shutdown) {

    /** Real time: one daemon timer thread shared by deadlines and backoffs. */
    static ClientClock system() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gembatch-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        Limiter.Timer timers = (Duration d, Runnable task) ->
                executor.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        return new ClientClock(timers, timers, () -> ThreadLocalRandom.current().nextDouble(),
                System::nanoTime, Clock.systemUTC(), executor::shutdownNow);
    }
}
