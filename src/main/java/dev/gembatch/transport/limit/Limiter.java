package dev.gembatch.transport.limit;

import dev.gembatch.config.LimiterSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-JVM cap on requests in flight, fixed or adaptive (AIMD); acquisition is asynchronous (a
 * waiting caller holds no thread) and every permit counts once, however often it is released.
 */
public final class Limiter implements AutoCloseable {

    /** What the holder learnt from its request; drives the adaptive limit. */
    public enum Signal {
        /** The request got an answer: the limit may grow. */
        SUCCESS,
        /** The server said it is overloaded (429, 503): the limit shrinks. */
        OVERLOAD,
        /** Nothing to learn (cancelled, client error, connection problem). */
        IGNORE
    }

    /** One request's right to be in flight; release it exactly once (later calls are no-ops). */
    public interface Permit {
        /** Gives the permit back; only the first call counts. */
        void release(Signal signal);
    }

    private final AimdLimit limit;
    private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    private Limiter(AimdLimit limit) {
        this.limit = limit;
    }

    /** A limiter following the settings: fixed at {@code initial}, or AIMD within [min, max]. */
    public static Limiter of(LimiterSettings settings) {
        if (settings.initial() < 1 || settings.min() < 1 || settings.max() < settings.min()) {
            throw new IllegalArgumentException("limiter needs 1 <= min <= max and initial >= 1, got "
                    + settings);
        }
        if (!settings.adaptive()) {
            int n = settings.initial();
            return new Limiter(new AimdLimit(n, n, n));
        }
        int start = Math.max(settings.min(), Math.min(settings.max(), settings.initial()));
        return new Limiter(new AimdLimit(start, settings.min(), settings.max()));
    }

    /**
     * A permit, now or as soon as one is free. Fails with {@link IllegalStateException} once the
     * limiter is closed. Cancelling the returned future withdraws the request without losing a
     * permit.
     */
    public CompletableFuture<Permit> acquire() {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("limiter closed"));
            }
            if (inFlight < limit.current() && waiters.isEmpty()) {
                inFlight++;
                return CompletableFuture.completedFuture(new Held(limit.epoch()));
            }
            CompletableFuture<Permit> waiter = new CompletableFuture<>();
            waiters.add(waiter);
            return waiter;
        }
    }

    /** Permits currently held. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** The current limit (constant when fixed). */
    public synchronized int limit() {
        return limit.current();
    }

    /** Refuses new and waiting acquisitions; permits already held are still released normally. */
    @Override
    public void close() {
        List<CompletableFuture<Permit>> failed;
        synchronized (this) {
            closed = true;
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.completeExceptionally(new IllegalStateException("limiter closed")));
    }

    private void released(Signal signal, long epoch) {
        List<Map.Entry<CompletableFuture<Permit>, Permit>> granted = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            limit.update(signal, epoch);
            while (inFlight < limit.current() && !waiters.isEmpty()) {
                CompletableFuture<Permit> waiter = waiters.poll();
                if (!waiter.isDone()) {
                    inFlight++;
                    granted.add(Map.entry(waiter, new Held(limit.epoch())));
                }
            }
        }
        for (Map.Entry<CompletableFuture<Permit>, Permit> g : granted) {
            if (!g.getKey().complete(g.getValue())) {
                g.getValue().release(Signal.IGNORE);
            }
        }
    }

    private final class Held implements Permit {
        private final AtomicBoolean released = new AtomicBoolean();
        private final long epoch;

        Held(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public void release(Signal signal) {
            if (released.compareAndSet(false, true)) {
                released(signal, epoch);
            }
        }
    }
}
