package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;

/**
 * The two messages between an executor's {@link LeasedQuota} and the driver's {@link LeaseLedger},
 * written as arrays of JDK values only: Spark's RPC decodes a message before the application's
 * classes are reachable (on an executor, its RPC layer starts before the application jar is
 * loaded), so no gembatch class may travel. Each array starts with its tag.
 */
final class LeaseWire {
    static final String ASK = "gembatch-lease-ask-1";
    static final String GRANT = "gembatch-lease-grant-1";

    private LeaseWire() {
    }

    /**
     * An executor's request: the quota it paces to (the ledger's key), what it wants now (requests,
     * the tokens for them, and the tokens its first waiter needs at least), what it spent and what
     * expired unused since its last message, and the per-day exhaustion it saw (or null).
     */
    record Ask(String holder, QuotaSettings quota, double wantRequests, double wantTokens,
               double minTokens, double usedRequests, double usedTokens, double droppedRequests,
               double droppedTokens, String exhausted) {

        Object[] toWire() {
            return new Object[] {ASK, holder, quota.requestsPerMinute(), quota.tokensPerMinute(),
                quota.burst().toNanos(), wantRequests, wantTokens, minTokens, usedRequests,
                usedTokens, droppedRequests, droppedTokens, exhausted};
        }

        /** The ask {@code message} holds, or null when it is not one. */
        static Ask fromWire(Object message) {
            if (!(message instanceof Object[] m) || m.length != 13 || !ASK.equals(m[0])) {
                return null;
            }
            QuotaSettings quota = QuotaSettings.of(d(m[2]), d(m[3]))
                    .withBurst(Duration.ofNanos(((Number) m[4]).longValue())).leasedFromDriver();
            return new Ask((String) m[1], quota, d(m[5]), d(m[6]), d(m[7]), d(m[8]), d(m[9]),
                    d(m[10]), d(m[11]), (String) m[12]);
        }
    }

    /**
     * The driver's answer: requests and tokens granted until {@code leaseNanos} after the ask was
     * sent, when to ask again if nothing was granted, and the per-day exhaustion (or null).
     */
    record Grant(double requests, double tokens, long leaseNanos, long retryNanos,
                 String exhausted) {

        Object[] toWire() {
            return new Object[] {GRANT, requests, tokens, leaseNanos, retryNanos, exhausted};
        }

        static Grant fromWire(Object message) {
            if (!(message instanceof Object[] m) || m.length != 6 || !GRANT.equals(m[0])) {
                throw new IllegalStateException("not a lease grant: " + message);
            }
            return new Grant(d(m[1]), d(m[2]), ((Number) m[3]).longValue(),
                    ((Number) m[4]).longValue(), (String) m[5]);
        }
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }
}
