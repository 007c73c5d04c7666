package dev.gembatch.transport;

import dev.gembatch.transport.limit.Limiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The backoff timer of a test client: every wait is recorded and then skipped (the retry runs at
 * once on this timer's own thread), so a test asserts the wait the client chose instead of
 * sleeping through it; while {@link #park} is set the retries are held until {@link #release()}.
 */
final class RecordedBackoffs implements Limiter.Timer {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Void> parked = new CompletableFuture<>();
    volatile boolean park;
    private final List<FutureTask<Void>> held = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);

    RecordedBackoffs() {
        thread.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Future<?> after(Duration delay, Runnable task) {
        waits.add(delay);
        if (!park) {
            return thread.schedule(task, 0, TimeUnit.NANOSECONDS);
        }
        FutureTask<Void> t = new FutureTask<>(task, null);
        held.add(t);
        parked.complete(null);
        return t;
    }

    /** Runs the retries held so far (those not cancelled) on this timer's thread. */
    void release() {
        synchronized (held) {
            held.forEach(thread::execute);
            held.clear();
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
