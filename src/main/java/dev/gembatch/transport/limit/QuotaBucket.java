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
 * Paces sends to one JVM's share of the quota with two token buckets: requests (capacity one, so
 * sends leave evenly spaced and no minute ever holds more than the share) and input tokens
 * (capacity one second's share; a request larger than that waits for a full bucket and leaves it
 * in debt). Waiters are served first come, first served by one timer armed for the head's due
 * time; {@link #pause} holds every send until an instant. Thread-safe; nothing blocks.
 */
final class QuotaBucket {
    private static final double EPSILON = 1e-9;
    private static final double NANOS_PER_MINUTE = 60e9;
    private final double requestsPerNano;
    private final double tokensPerNano;
    private final double tokenCapacity;
    private final LongSupplier nanos;
    private final Limiter.Timer timer;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private double requests = 1;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;
    private Future<?> armed;
    private boolean closed;

    QuotaBucket(QuotaSettings share, LongSupplier nanos, Limiter.Timer timer) {
        this.requestsPerNano = share.requestsPerMinute() / NANOS_PER_MINUTE;
        this.tokensPerNano = share.tokensPerMinute() / NANOS_PER_MINUTE;
        this.tokenCapacity = Math.max(1, share.tokensPerMinute() / 60);
        this.tokens = tokenCapacity;
        this.nanos = nanos;
        this.timer = timer;
        this.refilledAt = nanos.getAsLong();
        this.pausedUntil = refilledAt;
    }

    /** Completes when a request of {@code cost} input tokens may be sent; cancel to withdraw. */
    CompletableFuture<Void> turn(long cost) {
        Waiter w = new Waiter(cost, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("limiter closed"));
            }
            queue.add(w);
        }
        dispatch();
        return w.future;
    }

    /** Charges {@code tokens} more input tokens (negative: gives them back, up to capacity). */
    void charge(long extra) {
        if (tokensPerNano == 0) {
            return;
        }
        synchronized (this) {
            refill(nanos.getAsLong());
            tokens = Math.min(tokenCapacity, tokens - extra);
        }
        dispatch();
    }

    /** Holds every send until {@code delay} from now (a longer pause already set stays). */
    void pause(Duration delay) {
        synchronized (this) {
            long until = nanos.getAsLong() + delay.toNanos();
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
        dispatch();
    }

    /** Fails every waiting turn and refuses new ones. */
    void close() {
        List<Waiter> failed;
        synchronized (this) {
            closed = true;
            failed = new ArrayList<>(queue);
            queue.clear();
            rearm(0);
        }
        failed.forEach(w -> w.future.completeExceptionally(
                new IllegalStateException("limiter closed")));
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
            requests = Math.min(1, requests + 1);
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
        requests = Math.min(1, requests + elapsed * requestsPerNano);
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
