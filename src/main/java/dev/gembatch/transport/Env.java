package dev.gembatch.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Time, randomness and scheduling of one client: {@code timeouts} arms deadlines, {@code backoff}
 * schedules the wait before a retry, {@code random} draws the jitter in [0, 1), {@code nanos} is
 * the monotonic clock, {@code clock} stamps completion times, {@code shutdown} frees threads.
 */
record Env(Timers timeouts, Timers backoff, DoubleSupplier random, LongSupplier nanos,
           Clock clock, Runnable shutdown) {

    /** Real time: one daemon timer thread shared by timeouts and backoff. */
    static Env system() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gembatch-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        Timers timers = (Duration d, Runnable task) ->
                executor.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        return new Env(timers, timers, () -> ThreadLocalRandom.current().nextDouble(),
                System::nanoTime, Clock.systemUTC(), executor::shutdownNow);
    }
}
