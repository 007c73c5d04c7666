package dev.gembatch.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A client's time, scheduling and jitter, injected so tests move a fake clock instead of
 * sleeping: {@code deadlines} arms the attempt and row deadlines (and the quota's waits),
 * {@code backoffs} schedules the wait before a retry, {@code jitter} draws the backoff's random
 * share in [0, 1), {@code nanos} is the monotonic clock, {@code wall} stamps completion times,
 * {@code shutdown} frees the timer threads.
 */
record ClientClock(Timers deadlines, Timers backoffs, DoubleSupplier jitter, LongSupplier nanos,
                   Clock wall, Runnable shutdown) {

    /** Real time: one daemon timer thread shared by deadlines and backoffs. */
    static ClientClock system() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gembatch-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        Timers timers = (Duration d, Runnable task) ->
                executor.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        return new ClientClock(timers, timers, () -> ThreadLocalRandom.current().nextDouble(),
                System::nanoTime, Clock.systemUTC(), executor::shutdownNow);
    }
}
