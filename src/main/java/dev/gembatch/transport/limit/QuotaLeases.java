package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The driver's side of leased quotas: answers the lease messages of the executors' limiters (see
 * {@link Limiter.LeaseChannel}), one {@link LeaseLedger} per quota they pace to, so that however
 * many executors come and go their sends together stay within that quota. Thread-safe.
 */
public final class QuotaLeases {
    private final LongSupplier nanos;
    private final Map<QuotaSettings, LeaseLedger> ledgers = new HashMap<>();

    /** Ledgers timed by {@code nanos} (a monotonic clock; tests move a fake one). */
    public QuotaLeases(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Ledgers on the JVM's monotonic clock. */
    public static QuotaLeases system() {
        return new QuotaLeases(System::nanoTime);
    }

    /** True when {@code message} is an executor's lease message, which {@link #answer} takes. */
    public static boolean isLease(Object message) {
        return LeaseWire.Ask.fromWire(message) != null;
    }

    /**
     * The grant for an executor's lease message. Throws IllegalArgumentException for a message
     * that is not one.
     */
    public synchronized Object answer(Object message) {
        LeaseWire.Ask ask = LeaseWire.Ask.fromWire(message);
        if (ask == null) {
            throw new IllegalArgumentException("not a gembatch lease message");
        }
        long now = nanos.getAsLong();
        LeaseLedger ledger = ledgers.computeIfAbsent(ask.quota(), q -> new LeaseLedger(q, now));
        return ledger.answer(ask, now).toWire();
    }
}
