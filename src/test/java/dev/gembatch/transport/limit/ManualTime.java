package dev.gembatch.transport.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/** A clock and timer that move only when the test says so: due tasks run in due order. */
final class ManualTime implements LongSupplier, Limiter.Timer {
    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return now;
    }

    @Override
    public Future<?> after(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), task, new CompletableFuture<>());
        tasks.add(t);
        return t.handle();
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    void advance(Duration by) {
        long until = now + by.toNanos();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.handle().isCancelled() && t.at() <= until)
                    .min(Comparator.comparingLong(Task::at)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.at());
            next.handle().complete(null);
            next.task().run();
        }
        now = until;
    }

    /** Timers armed and neither run nor cancelled. */
    long pending() {
        return tasks.stream().filter(t -> !t.handle().isDone()).count();
    }

    private record Task(long at, Runnable task, CompletableFuture<Void> handle) {
    }
}
