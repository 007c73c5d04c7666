package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Paces sends to one JVM's share of the quota with two token buckets: requests (capacity the
 * burst's worth, at least one, so with no burst sends leave evenly spaced and no minute ever holds
 * more than the share) and input tokens (capacity the burst's worth, at least one second's share;
 * a request larger than that waits for a full bucket and leaves it in debt). Waiters are served
 * first come, first served by one timer armed for the head's due time; {@link #pause} holds every
 * send until an instant. Thread-safe; nothing blocks.
 */
final class QuotaBucket extends WaitingTurns {
    private static final double EPSILON = 1e-9;
    private static final double NANOS_PER_MINUTE = 60e9;
    private final double requestsPerNano;
    private final double tokensPerNano;
    private final double requestCapacity;
    private final double tokenCapacity;
    private double requests;
    private double tokens;
    private long refilledAt;

    QuotaBucket(QuotaSettings share, LongSupplier nanos, Limiter.Timer timer) {
        super(nanos, timer);
        this.requestsPerNano = share.requestsPerMinute() / NANOS_PER_MINUTE;
        this.tokensPerNano = share.tokensPerMinute() / NANOS_PER_MINUTE;
        this.requestCapacity = share.requestCapacity();
        this.tokenCapacity = share.tokenCapacity();
        this.requests = requestCapacity;
        this.tokens = tokenCapacity;
        this.refilledAt = nanos.getAsLong();
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
    public void exhaust(String reason) {
        failAll(reason);
    }

    /** Lets through every head of the queue that fits now, then arms the timer for the next. */
    @Override
    protected void dispatch() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            long now = nanos.getAsLong();
            refill(now);
            long wait = 0;
            while (!queue.isEmpty() && !closed) {
                if (queue.peek().future().isDone()) {
                    queue.poll();
                    continue;
                }
                wait = waitNanos(queue.peek().cost(), now);
                if (wait > 0) {
                    break;
                }
                take(queue.peek().cost());
                ready.add(queue.poll());
            }
            rearm(queue.isEmpty() ? 0 : wait);
        }
        grant(ready);
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
    @Override
    protected void giveBack(long cost) {
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

}
