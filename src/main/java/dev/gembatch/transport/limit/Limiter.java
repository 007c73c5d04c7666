package dev.gembatch.transport.limit;

import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Per-JVM cap on requests in flight, fixed or adaptive ({@link AdaptiveLimit}: shrinks only when
 * most recent outcomes are 429/503, grows by one per answer), optionally paced to a requests /
 * input-tokens per minute quota: this JVM's fixed share ({@link QuotaBucket}) or permits leased
 * from the driver ({@link LeasedQuota}); acquisition is asynchronous (a waiting caller holds no
 * thread) and every permit counts once, however often it is released. Once the day's quota is
 * spent ({@link #exhaust}, here or reported by the driver) every acquisition fails with
 * {@link QuotaExhaustedException}.
 */
public final class Limiter implements AutoCloseable {

    /** What the holder learnt from its request; drives the adaptive limit. */
    public enum Signal {
        /** The request got an answer: the limit may grow. */
        SUCCESS,
        /** The server said it is overloaded (429, 503): the limit shrinks if most outcomes say so. */
        OVERLOAD,
        /** Nothing to learn about load (cancelled, stall, timeout, cut, other errors). */
        IGNORE
    }

    /** One request's right to be in flight; release it exactly once (later calls are no-ops). */
    public interface Permit {
        /** Gives the permit back; only the first call counts. */
        void release(Signal signal);
    }

    /**
     * Runs a task once after a delay without blocking the caller: the quota's timer, and the one
     * timer abstraction of the transport too (its deadlines and backoffs); tests move a fake one.
     */
    public interface Timer {
        /** Schedules {@code task}; cancelling the returned future withdraws it. */
        Future<?> after(Duration delay, Runnable task);
    }

    /**
     * The way from an executor's limiter to the driver's {@link QuotaLeases}, over a channel only
     * the application's own JVMs share (Spark's plugin RPC).
     */
    public interface LeaseChannel {
        /** Who asks: this executor's id, unique within the application. */
        String holder();

        /** Completes with {@link QuotaLeases#answer} of {@code message}, or fails; never blocks. */
        CompletableFuture<Object> ask(Object message);
    }

    private final AdaptiveLimit limit;
    private final Pacing quota;
    private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;
    private String exhausted;

    private Limiter(AdaptiveLimit limit, Pacing quota) {
        this.limit = limit;
        this.quota = quota;
    }

    /** A limiter following the settings: fixed at {@code initial}, or adaptive within [min, max]. */
    public static Limiter of(LimiterSettings settings) {
        return new Limiter(adaptive(settings), null);
    }

    /**
     * The same, also pacing sends to {@code share} (a quota that is not {@link
     * QuotaSettings#limited()} paces nothing), timed by {@code nanos} and {@code timer}.
     */
    public static Limiter of(LimiterSettings settings, QuotaSettings share, LongSupplier nanos,
                             Timer timer) {
        QuotaBucket bucket = share.limited() ? new QuotaBucket(share, nanos, timer) : null;
        return new Limiter(adaptive(settings), bucket);
    }

    /**
     * The same, pacing sends with permits of {@code quota} leased through {@code channel} when
     * the quota is {@link QuotaSettings#leased()} (else as the four-argument form).
     */
    public static Limiter of(LimiterSettings settings, QuotaSettings quota, LongSupplier nanos,
                             Timer timer, LeaseChannel channel) {
        if (!quota.limited() || !quota.leased()) {
            return of(settings, quota, nanos, timer);
        }
        return new Limiter(adaptive(settings), new LeasedQuota(quota, channel, nanos, timer));
    }

    private static AdaptiveLimit adaptive(LimiterSettings settings) {
        if (settings.initial() < 1 || settings.min() < 1 || settings.max() < settings.min()) {
            throw new IllegalArgumentException("limiter needs 1 <= min <= max and initial >= 1, got "
                    + settings);
        }
        if (!settings.adaptive()) {
            int n = settings.initial();
            return new AdaptiveLimit(n, n, n);
        }
        int start = Math.max(settings.min(), Math.min(settings.max(), settings.initial()));
        return new AdaptiveLimit(start, settings.min(), settings.max());
    }

    /**
     * A permit, now or as soon as one is free. Fails with {@link IllegalStateException} once the
     * limiter is closed. Cancelling the returned future withdraws the request without losing a
     * permit.
     */
    public CompletableFuture<Permit> acquire() {
        synchronized (this) {
            if (exhausted != null) {
                return CompletableFuture.failedFuture(new QuotaExhaustedException(exhausted));
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("limiter closed"));
            }
            if (inFlight < limit.current() && waiters.isEmpty()) {
                inFlight++;
                return CompletableFuture.completedFuture(new Held());
            }
            CompletableFuture<Permit> waiter = new CompletableFuture<>();
            waiters.add(waiter);
            return waiter;
        }
    }

    /**
     * A permit for a request of about {@code inputTokens} input tokens: a free slot first, then
     * the quota's turn, so the request is sent as soon as it completes. Cancelling the returned
     * future withdraws the request without losing a permit or a turn.
     */
    public CompletableFuture<Permit> acquire(long inputTokens) {
        CompletableFuture<Permit> slot = acquire();
        if (quota == null) {
            return slot;
        }
        CompletableFuture<Permit> ready = new CompletableFuture<>();
        slot.whenComplete((permit, failure) -> {
            if (failure != null) {
                ready.completeExceptionally(failure);
            } else {
                await(permit, quota.turn(inputTokens), ready);
            }
        });
        ready.whenComplete((permit, failure) -> slot.cancel(false));
        return ready;
    }

    private void await(Permit permit, CompletableFuture<Void> turn,
                       CompletableFuture<Permit> ready) {
        ready.whenComplete((p, failure) -> turn.cancel(false));
        turn.whenComplete((nothing, failure) -> {
            if (failure instanceof QuotaExhaustedException spent) {
                exhaust(spent.getMessage());
            }
            if (failure != null) {
                ready.completeExceptionally(failure);
            }
            if (failure != null || !ready.complete(permit)) {
                permit.release(Signal.IGNORE);
            }
        });
    }

    /**
     * The server asked this JVM to wait (a 429's RetryInfo delay): no request is sent before
     * {@code delay} has passed. Without a quota nothing is paused; the adaptive limit alone reacts.
     */
    public void pause(Duration delay) {
        if (quota != null) {
            quota.pause(delay);
        }
    }

    /** Corrects a request's estimated input tokens by {@code extra} (the actual minus the estimate). */
    public void correct(long extra) {
        if (quota != null) {
            quota.charge(extra);
        }
    }

    /**
     * The day's quota is spent ({@code reason} says how it was learnt, without the key): every
     * waiting and later acquisition fails with {@link QuotaExhaustedException}, and a leased
     * quota tells the driver, which stops granting to every executor. Only the first reason is kept.
     */
    public void exhaust(String reason) {
        List<CompletableFuture<Permit>> failed;
        synchronized (this) {
            if (exhausted != null) {
                return;
            }
            exhausted = reason;
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.completeExceptionally(new QuotaExhaustedException(reason)));
        if (quota != null) {
            quota.exhaust(reason);
        }
    }

    /** Why the day's quota is spent, or null while it is not. */
    public synchronized String exhausted() {
        return exhausted;
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
        if (quota != null) {
            quota.close();
        }
    }

    private void released(Signal signal) {
        List<Map.Entry<CompletableFuture<Permit>, Permit>> granted = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            limit.update(signal);
            while (inFlight < limit.current() && !waiters.isEmpty()) {
                CompletableFuture<Permit> waiter = waiters.poll();
                if (!waiter.isDone()) {
                    inFlight++;
                    granted.add(Map.entry(waiter, new Held()));
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

        @Override
        public void release(Signal signal) {
            if (released.compareAndSet(false, true)) {
                released(signal);
            }
        }
    }
}
