package dev.gembatch.transport.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The queue of turns a {@link Pacing} serves first come, first served, with what every pacing
 * does the same way: a pause that holds every send until an instant, one timer that runs
 * {@link #dispatch()} again, closing, and failing every turn once the day's quota is spent. A
 * subclass decides in {@link #dispatch()} which waiting turns go now. Every field is guarded by
 * the object's lock.
 */
abstract class WaitingTurns implements Pacing {
    protected final LongSupplier nanos;
    protected final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    protected long pausedUntil;
    protected boolean closed;
    protected String exhausted;
    private final Limiter.Timer timer;
    private Future<?> armed;

    /** One turn waiting: its input-token cost and the future that grants it. */
    protected record Waiter(long cost, CompletableFuture<Void> future) {
    }

    WaitingTurns(LongSupplier nanos, Limiter.Timer timer) {
        this.nanos = nanos;
        this.timer = timer;
        this.pausedUntil = nanos.getAsLong();
    }

    @Override
    public final CompletableFuture<Void> turn(long cost) {
        Waiter w = new Waiter(cost, new CompletableFuture<>());
        synchronized (this) {
            if (exhausted != null) {
                return CompletableFuture.failedFuture(new QuotaExhaustedException(exhausted));
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("limiter closed"));
            }
            queue.add(w);
        }
        dispatch();
        return w.future;
    }

    @Override
    public final void pause(Duration delay) {
        synchronized (this) {
            long until = nanos.getAsLong() + delay.toNanos();
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
        dispatch();
    }

    @Override
    public final void close() {
        List<Waiter> failed;
        synchronized (this) {
            closed = true;
            failed = drain();
        }
        failed.forEach(w -> w.future().completeExceptionally(
                new IllegalStateException("limiter closed")));
    }

    /** Lets through the turns that may go now, then arms the timer for the next step. */
    protected abstract void dispatch();

    /** A turn granted to a waiter that had just withdrawn: what it took goes back. */
    protected abstract void giveBack(long cost);

    /** Completes the turns let through; one withdrawn meanwhile gives back what it took. */
    protected final void grant(List<Waiter> ready) {
        for (Waiter w : ready) {
            if (!w.future().complete(null)) {
                giveBack(w.cost());
            }
        }
    }

    /** The day's quota is spent: fails every waiting turn now, and every later one. */
    protected final void failAll(String reason) {
        List<Waiter> failed;
        synchronized (this) {
            if (exhausted == null) {
                exhausted = reason;
            }
            failed = drain();
        }
        failed.forEach(w -> w.future().completeExceptionally(new QuotaExhaustedException(reason)));
    }

    /** Empties the queue and disarms the timer; caller holds the lock. */
    private List<Waiter> drain() {
        List<Waiter> all = new ArrayList<>(queue);
        queue.clear();
        rearm(0);
        return all;
    }

    /** Runs {@link #dispatch()} after {@code wait} nanoseconds; 0 disarms. Caller holds the lock. */
    protected final void rearm(long wait) {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
        if (wait > 0) {
            armed = timer.after(Duration.ofNanos(wait), this::dispatch);
        }
    }
}
