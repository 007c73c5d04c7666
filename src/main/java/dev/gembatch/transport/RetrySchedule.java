package dev.gembatch.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * The time bookkeeping of one {@link RetryingExchange}: when the row started (its first send),
 * its row deadline (armed then), the wait before each retry (none when it would end after that
 * deadline) and the timer tasks to withdraw when the row ends. Not thread-safe: the exchange
 * calls it under its own lock. A shed Flex attempt has its own wait ({@link #shedDelay}), outside
 * the row's retry budget.
 */
final class RetrySchedule {
    /** Doublings of the shed backoff before it stays at retry.max-backoff. */
    private static final int MAX_DOUBLINGS = 30;
    private final ClientParts parts;
    private long started;
    private long deadline;
    private Future<?> deadlineTask;
    private Future<?> backoffTask;

    RetrySchedule(ClientParts parts) {
        this.parts = parts;
    }

    /**
     * Latency and the row deadline count from the first send, not from the wait for a first
     * permit: a row queued behind the limiter has not started yet.
     */
    void start(Duration row, Runnable expire) {
        started = nanos();
        deadline = started + row.toNanos();
        deadlineTask = parts.clock().deadlines().after(row, expire);
    }

    /** The wait after failed attempt {@code attempts}, or null when there is none to make. */
    Duration retryDelay(Verdict v, int attempts) {
        if (!v.retryable() || attempts >= parts.settings().retry().maxAttempts()) {
            return null;
        }
        Duration d = parts.backoff().after(attempts, v.minDelay());
        return nanos() + d.toNanos() < deadline ? d : null;
    }

    /**
     * The wait after the {@code sheds}-th shed of a Flex request, or null when it would end after
     * the row deadline. Full-jitter exponential like any backoff (the server's hint raises it) but
     * counted apart: a shed is not an error, so it spends neither {@code retry.max-attempts} nor
     * the failure budget. The row deadline ({@code gemini.flex-timeouts.row}) caps how long a row
     * goes on being shed, and job.deadline switches it to standard (or skips it) before that.
     */
    Duration shedDelay(Verdict v, int sheds) {
        Duration d = parts.backoff().after(Math.min(sheds, MAX_DOUBLINGS), v.minDelay());
        return nanos() + d.toNanos() < deadline ? d : null;
    }

    /** The scheduled wait before the next attempt, withdrawn by {@link #cancel}. */
    void backingOff(Future<?> task) {
        backoffTask = task;
    }

    /** Withdraws the row deadline and the backoff, whichever are armed. */
    void cancel() {
        if (backoffTask != null) {
            backoffTask.cancel(false);
        }
        if (deadlineTask != null) {
            deadlineTask.cancel(false);
        }
    }

    long elapsedMs() {
        return (nanos() - started) / 1_000_000;
    }

    Instant now() {
        return parts.clock().wall().instant();
    }

    private long nanos() {
        return parts.clock().nanos().getAsLong();
    }
}
