package dev.gembatch.transport.limit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What paces one JVM's sends to a quota: a {@link QuotaBucket} refilled at a fixed share, or
 * {@link LeasedQuota} permits leased from the driver's {@link LeaseLedger}. Thread-safe; nothing
 * blocks.
 */
interface Pacing {

    /**
     * Completes when a request of {@code cost} input tokens may be sent; cancel to withdraw. Fails
     * with {@link QuotaExhaustedException} once the day's quota is spent, with
     * IllegalStateException once closed.
     */
    CompletableFuture<Void> turn(long cost);

    /** Charges {@code extra} more input tokens (negative: gives them back). */
    void charge(long extra);

    /** Holds every send until {@code delay} from now (a longer pause already set stays). */
    void pause(Duration delay);

    /** The day's quota is spent: fails every turn, now and later, and tells whoever shares it. */
    void exhaust(String reason);

    /** Fails every waiting turn and refuses new ones. */
    void close();
}
