package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.util.List;

/**
 * An executor's leased permits (requests, input tokens), until when it may use them, and what it
 * spent and dropped since its last ask. Tokens spent beyond the stock (a request larger than the
 * burst, or one that used more than its estimate) are reported spent, so they are a debt of the
 * driver's ledger and never of the stock too. Not thread-safe: {@link LeasedQuota} guards it.
 */
final class LeaseStock {
    private static final double EPSILON = 1e-9;
    private double requests;
    private double tokens;
    private long expiresAt;
    private boolean holding;
    private double usedRequests;
    private double usedTokens;
    private double droppedRequests;
    private double droppedTokens;

    boolean covers(long cost, QuotaSettings q) {
        boolean r = q.requestsPerMinute() <= 0 || requests >= 1 - EPSILON;
        double need = Math.min(cost, q.tokenCapacity());
        return r && (q.tokensPerMinute() <= 0 || tokens >= need - EPSILON);
    }

    void take(long cost, QuotaSettings q) {
        if (q.requestsPerMinute() > 0) {
            requests -= 1;
            usedRequests += 1;
        }
        if (q.tokensPerMinute() > 0) {
            tokens = Math.max(0, tokens - cost);
            usedTokens += cost;
        }
    }

    void untake(long cost, QuotaSettings q) {
        if (q.requestsPerMinute() > 0) {
            requests += 1;
            usedRequests -= 1;
        }
        if (q.tokensPerMinute() > 0) {
            tokens += cost;
            usedTokens -= cost;
        }
    }

    /**
     * A request used {@code extra} tokens more than taken: reported spent; fewer (negative): the
     * difference is reported dropped, so it goes back to the ledger at once.
     */
    void charge(long extra) {
        if (extra > 0) {
            usedTokens += extra;
        } else {
            droppedTokens -= extra;
        }
    }

    /** Drops what is left of an ended lease. */
    void expire(long now) {
        if (holding && now - expiresAt >= 0) {
            holding = false;
            droppedRequests += requests;
            droppedTokens += tokens;
            requests = 0;
            tokens = 0;
        }
    }

    void add(LeaseWire.Grant g, long sentAt) {
        requests += g.requests();
        tokens += g.tokens();
        if (g.requests() > 0 || g.tokens() > 0) {
            holding = true;
            expiresAt = sentAt + g.leaseNanos();
        }
    }

    /** Spent permits the driver has not heard of, and nothing left to spend. */
    boolean spentUnreported() {
        return (usedRequests > 0 || usedTokens > 0 || droppedTokens > 0) && requests < 1 - EPSILON;
    }

    /** The ask for {@code costs} (the first waiting turns); its report is taken out. */
    LeaseWire.Ask ask(String holder, QuotaSettings q, List<Long> costs, String exhausted) {
        double tokensWanted = costs.stream().mapToLong(Long::longValue).sum() - tokens;
        double min = costs.isEmpty() ? 0 : Math.min(costs.get(0), q.tokenCapacity()) - tokens;
        LeaseWire.Ask a = new LeaseWire.Ask(holder, q,
                Math.max(0, costs.size() - Math.floor(Math.max(0, requests))),
                Math.max(0, tokensWanted), Math.max(0, min), usedRequests, usedTokens,
                droppedRequests, droppedTokens, exhausted);
        usedRequests = 0;
        usedTokens = 0;
        droppedRequests = 0;
        droppedTokens = 0;
        return a;
    }

    /** An ask that never reached the driver: its report goes with the next one. */
    void unsent(LeaseWire.Ask a) {
        usedRequests += a.usedRequests();
        usedTokens += a.usedTokens();
        droppedRequests += a.droppedRequests();
        droppedTokens += a.droppedTokens();
    }
}
