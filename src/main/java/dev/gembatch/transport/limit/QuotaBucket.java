package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Paces sends to one JVM's share of the quota with two token buckets: requests (capacity the
 * burst's worth, at least one, so with no burst sends leave evenly spaced and no minute ever holds
 * more than the share) and input tokens (capacity the burst's worth, at least one second's share;
 * a request larger than that waits for a full bucket and leaves it in debt). Waiters are served
 * first come, first served by one timer armed for the head's due time; {@link #pause} holds every
 * send until an instant. Thread-safe; nothing blocks.
 */
final class QuotaBucket implements Pacing {
    private static final double EPSILON = 1e-9;
    private static final double NANOS_PER_MINUTE = 60e9;
    private final double requestsPerNano;
    private final double tokensPerNano;
    private final double requestCapacity;
    private final double tokenCapacity;
    private final LongSupplier nanos;
    private final Limiter.Timer timer;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private double requests;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;
    private Future<?> armed;
    private boolean closed;
    private String exhausted;

    QuotaBucket(QuotaSettings share, LongSupplier nanos, Limiter.Timer timer) {
        this.requestsPerNano = share.requestsPerMinute() / NANOS_PER_MINUTE;
        this.tokensPerNano = share.tokensPerMinute() / NANOS_PER_MINUTE;
        this.requestCapacity = share.requestCapacity();
        this.tokenCapacity = share.tokenCapacity();
        this.requests = requestCapacity;
        this.tokens = tokenCapacity;
        this.nanos = nanos;
        this.timer = timer;
        this.refilledAt = nanos.getAsLong();
        this.pausedUntil = refilledAt;
    }

    @Override
    public CompletableFuture<Void> turn(long cost) {
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
    public void charge(long extra) {
        if (tokensPerNano == 0) {
            return;
        }
        synchronized (this) {
            refill(nanos.getAsLong());
            tokens = Math.min(tokenCapacity, tokens - extra);
        }
        dispatch();
    }

    @Override
    public void pause(Duration delay) {
        synchronized (this) {
            long until = nanos.getAsLong() + delay.toNanos();
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
        dispatch();
    }

    @Override
    public void exhaust(String reason) {
        List<Waiter> failed;
        synchronized (this) {
            if (exhausted == null) {
                exhausted = reason;
            }
            failed = drain();
        }
        failed.forEach(w -> w.future.completeExceptionally(new QuotaExhaustedException(reason)));
    }

    @Override
    public void close() {
        List<Waiter> failed;
        synchronized (this) {
            closed = true;
            failed = drain();
        }
        failed.forEach(w -> w.future.completeExceptionally(
                new IllegalStateException("limiter closed")));
    }

    /** Empties the queue and disarms the timer; caller holds the lock. */
    private List<Waiter> drain() {
        List<Waiter> all = new ArrayList<>(queue);
        queue.clear();
        rearm(0);
        return all;
    }

    /** Lets through every head of the queue that fits now, then arms the timer for the next. */
    private void dispatch() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            long now = nanos.getAsLong();
            refill(now);
            long wait = 0;
            while (!queue.isEmpty() && !closed) {
                if (queue.peek().future.isDone()) {
                    queue.poll();
                    continue;
                }
                wait = waitNanos(queue.peek().cost, now);
                if (wait > 0) {
                    break;
                }
                take(queue.peek().cost);
                ready.add(queue.poll());
            }
            rearm(queue.isEmpty() ? 0 : wait);
        }
        for (Waiter w : ready) {
            if (!w.future.complete(null)) {
                giveBack(w.cost);
            }
        }
    }

    /** Nanoseconds until a request of {@code cost} fits; 0 when it fits now. Caller holds the lock. */
    private long waitNanos(long cost, long now) {
        double wait = pausedUntil - now;
        if (requestsPerNano > 0 && requests < 1 - EPSILON) {
            wait = Math.max(wait, (1 - requests) / requestsPerNano);
        }
        double need = Math.min(cost, tokenCapacity);
        if (tokensPerNano > 0 && tokens < need - EPSILON) {
            wait = Math.max(wait, (need - tokens) / tokensPerNano);
        }
        return wait <= 0 ? 0 : (long) Math.ceil(wait);
    }

    private void take(long cost) {
        if (requestsPerNano > 0) {
            requests -= 1;
        }
        if (tokensPerNano > 0) {
            tokens -= cost;
        }
    }

    /** A turn granted to a waiter that had just withdrawn: its share goes back to the buckets. */
    private void giveBack(long cost) {
        synchronized (this) {
            requests = Math.min(requestCapacity, requests + 1);
            tokens = Math.min(tokenCapacity, tokens + cost);
        }
        dispatch();
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        refilledAt = now;
        requests = Math.min(requestCapacity, requests + elapsed * requestsPerNano);
        tokens = Math.min(tokenCapacity, tokens + elapsed * tokensPerNano);
    }

    /** Caller holds the lock; 0 disarms. */
    private void rearm(long wait) {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
        if (wait > 0) {
            armed = timer.after(Duration.ofNanos(wait), this::dispatch);
        }
    }

    private record Waiter(long cost, CompletableFuture<Void> future) {
    }
}
