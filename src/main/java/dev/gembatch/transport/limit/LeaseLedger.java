package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The driver's account of one quota, leased in small batches to the executors that ask. Two
 * buckets (requests, input tokens) refill at the quota's rate; what a grant takes is outstanding
 * at its holder until the holder reports it spent or dropped, or until {@link #LEASE} after the
 * holder's last message (the holder stops using a lease by then, so a lost executor's permits
 * come back on their own). Holders refused a request queue in order of refusal: a request is
 * granted only beyond one request for each holder refused before, so contending executors take
 * turns. The bucket is capped so that what it holds plus everything
 * outstanding never exceeds the burst capacity: whatever executors join, leave or die, the sends
 * of any interval stay within the rate times the interval plus the burst. Each grant is at most
 * what the holder asks for and at most its equal part of the capacity among the holders active
 * within a lease, so an idle executor holds nothing and a busy one cannot starve the others. Once
 * a holder reports the per-day quota spent, every later ask is answered with that. Not
 * thread-safe: {@link QuotaLeases} guards it.
 */
final class LeaseLedger {
    /** How long a grant may be used after its ask was sent. */
    static final Duration LEASE = Duration.ofSeconds(2);
    /** The shortest wait before asking again when nothing was granted. */
    static final Duration MIN_RETRY = Duration.ofMillis(5);
    private final Bucket requests;
    private final Bucket tokens;
    private final Map<String, Holder> holders = new HashMap<>();
    private final Set<String> refused = new LinkedHashSet<>();
    private long refilledAt;
    private String exhausted;

    LeaseLedger(QuotaSettings quota, long now) {
        this.requests = new Bucket(quota.requestsPerMinute() / 60e9, quota.requestCapacity());
        this.tokens = new Bucket(quota.tokensPerMinute() / 60e9, quota.tokenCapacity());
        this.refilledAt = now;
    }

    /** Settles what {@code ask} reports and grants what it may have now. */
    LeaseWire.Grant answer(LeaseWire.Ask ask, long now) {
        holders.values().removeIf(h -> now - h.expiresAt >= 0);
        refused.retainAll(holders.keySet());
        Holder h = holders.computeIfAbsent(ask.holder(), k -> new Holder());
        h.expiresAt = now + LEASE.toNanos();
        h.requests = requests.settle(h.requests, ask.usedRequests(), ask.droppedRequests());
        h.tokens = tokens.settle(h.tokens, ask.usedTokens(), ask.droppedTokens());
        if (exhausted == null && ask.exhausted() != null) {
            exhausted = ask.exhausted();
        }
        if (exhausted != null) {
            return new LeaseWire.Grant(0, 0, LEASE.toNanos(), LEASE.toNanos(), exhausted);
        }
        refill(now);
        return grant(h, ask);
    }

    /** The reason the day's quota is spent, or null. */
    String exhausted() {
        return exhausted;
    }

    private LeaseWire.Grant grant(Holder h, LeaseWire.Ask ask) {
        int active = holders.size();
        int ahead = ahead(ask.holder());
        boolean tokensOk = !tokens.limited() || tokens.level >= ask.minTokens();
        double r = 0;
        if (tokensOk && ask.wantRequests() > 0) {
            r = requests.limited() ? Math.min(ask.wantRequests(), Math.min(
                    Math.floor(requests.level) - ahead,
                    Math.max(1, Math.floor(requests.capacity / active))))
                    : ask.wantRequests();
            r = Math.max(0, r);
        }
        double t = 0;
        if (tokens.limited() && tokensOk && (r > 0 || ask.wantRequests() == 0)) {
            t = Math.min(ask.wantTokens(), Math.max(ask.minTokens(),
                    Math.min(Math.max(0, tokens.level), tokens.capacity / active)));
        }
        requests.level -= requests.limited() ? r : 0;
        tokens.level -= t;
        h.requests += requests.limited() ? r : 0;
        h.tokens += t;
        boolean satisfied = r > 0 || ask.wantRequests() == 0 && ask.wantTokens() <= 0;
        if (satisfied) {
            refused.remove(ask.holder());
            return new LeaseWire.Grant(r, t, LEASE.toNanos(), 0, null);
        }
        refused.add(ask.holder());
        long retry = Math.max(MIN_RETRY.toNanos(), Math.min(LEASE.toNanos(), Math.max(
                requests.nanosUntil(1 + ahead), tokens.nanosUntil(ask.minTokens()))));
        return new LeaseWire.Grant(r, t, LEASE.toNanos(), retry, null);
    }

    /** The holders refused a request before {@code holder} was (all of them if it was not). */
    private int ahead(String holder) {
        int n = 0;
        for (String other : refused) {
            if (other.equals(holder)) {
                return n;
            }
            n++;
        }
        return n;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        refilledAt = now;
        requests.refill(elapsed, holders.values().stream().mapToDouble(x -> x.requests).sum());
        tokens.refill(elapsed, holders.values().stream().mapToDouble(x -> x.tokens).sum());
    }

    /** What one executor holds of each bucket, and until when the driver counts it. */
    private static final class Holder {
        private double requests;
        private double tokens;
        private long expiresAt;
    }

    /** One rate's level (may go below 0: a debt of tokens used beyond their estimate). */
    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double level;

        Bucket(double perNano, double capacity) {
            this.perNano = perNano;
            this.capacity = capacity;
            this.level = capacity;
        }

        boolean limited() {
            return perNano > 0;
        }

        /**
         * A holder's outstanding amount once it reports {@code used} spent and {@code dropped}
         * expired unused: the dropped part comes back to the bucket; use beyond what the holder
         * held is a debt of the bucket.
         */
        double settle(double outstanding, double used, double dropped) {
            double left = outstanding - used - dropped;
            level += dropped;
            if (left < 0) {
                level += left;
                left = 0;
            }
            return left;
        }

        /** Adds {@code elapsed}'s worth, never past the capacity less what is outstanding. */
        void refill(long elapsed, double outstanding) {
            double room = capacity - outstanding;
            if (limited() && level < room) {
                level = Math.min(room, level + elapsed * perNano);
            }
        }

        long nanosUntil(double amount) {
            return !limited() || level >= amount ? 0 : (long) Math.ceil((amount - level) / perNano);
        }
    }
}
