package dev.gembatch.transport.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A clock and timer that move only when the test says so: due tasks run in due order, on the
 * thread that calls {@link #advance}. Thread-safe, so a client's I/O threads may arm timers while
 * a test waits, with a bound in real time, for the one it means to fire ({@link #awaitArmed}).
 * Tasks run outside its lock.
 */
public final class ManualTime implements LongSupplier, Limiter.Timer {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final List<Task> tasks = new ArrayList<>();
    private final List<Duration> armed = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public synchronized long getAsLong() {
        return now;
    }

    @Override
    public synchronized Future<?> after(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), delay, task, new CompletableFuture<>());
        tasks.add(t);
        armed.add(delay);
        notifyAll();
        return t.handle();
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    public void advance(Duration by) {
        long until;
        synchronized (this) {
            until = now + by.toNanos();
        }
        for (Task next = nextDue(until); next != null; next = nextDue(until)) {
            next.handle().complete(null);
            next.task().run();
        }
        synchronized (this) {
            now = Math.max(now, until);
        }
    }

    /** Timers armed and neither run nor cancelled. */
    public synchronized long pending() {
        return tasks.stream().filter(t -> !t.handle().isDone()).count();
    }

    /**
     * Waits, at most 10 s of real time, until a timer whose delay {@code which} accepts is armed
     * and pending; returns that delay. AssertionError when none comes.
     */
    public synchronized Duration awaitArmed(Predicate<Duration> which) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (Task t : tasks) {
                if (!t.handle().isDone() && which.test(t.delay())) {
                    return t.delay();
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such timer was armed within " + PATIENCE.toSeconds()
                        + " s; armed so far: " + armed);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Whether a timer whose delay {@code which} accepts was ever armed. */
    public synchronized boolean wasArmed(Predicate<Duration> which) {
        return armed.stream().anyMatch(which);
    }

    /** Takes the earliest task due by {@code until} off the list and moves the clock to it. */
    private synchronized Task nextDue(long until) {
        Task next = tasks.stream().filter(t -> !t.handle().isCancelled() && t.at() <= until)
                .min(Comparator.comparingLong(Task::at)).orElse(null);
        if (next != null) {
            tasks.remove(next);
            now = Math.max(now, next.at());
        }
        return next;
    }

    private record Task(long at, Duration delay, Runnable task, CompletableFuture<Void> handle) {
    }
}
