package dev.gembatch.transport;

import dev.gembatch.assembly.Assembled;
import dev.gembatch.model.TokenEstimate;
import dev.gembatch.transport.limit.Limiter;
import java.util.concurrent.CompletableFuture;

/**
 * One row's dealings with the client's {@link Limiter}: a permit per attempt for the row's
 * estimated prompt tokens, given back with what the attempt taught (an answer, an overload or
 * nothing about load); a 429's delay pauses the whole JVM, a per-day quota spent stops it (and,
 * through a leased quota, the job), and the actual prompt tokens correct the estimate.
 * Thread-safe (it holds only final fields).
 */
final class RowPermits {
    /** How the reason of a per-day exhaustion begins; the server's status and message follow. */
    static final String DAILY = "the project's per-day quota is spent: HTTP 429 ";
    private final Limiter limiter;
    private final long estimatedTokens;

    RowPermits(Limiter limiter, byte[] body) {
        this.limiter = limiter;
        // the prompt text's tokens from its bytes; the JSON around it makes this an overestimate
        this.estimatedTokens = TokenEstimate.of(body.length);
    }

    CompletableFuture<Limiter.Permit> acquire() {
        return limiter.acquire(estimatedTokens);
    }

    /** Gives the attempt's permit back and steers the quota by its outcome. */
    void release(Limiter.Permit permit, Verdict v, AttemptResult r) {
        permit.release(signal(v));
        steerQuota(v, r);
    }

    private static Limiter.Signal signal(Verdict v) {
        if (v.answered()) {
            return Limiter.Signal.SUCCESS;
        }
        return v.overload() ? Limiter.Signal.OVERLOAD : Limiter.Signal.IGNORE;
    }

    /** A 429's delay pauses this JVM's sends; the actual prompt tokens correct the estimate. */
    private void steerQuota(Verdict v, AttemptResult r) {
        if (v.dailyQuota()) {
            limiter.exhaust(DAILY + v.error().status() + ": " + v.error().message());
        }
        Integer code = v.answered() ? null : v.error().httpCode();
        if (code != null && code == 429 && v.minDelay() != null) {
            limiter.pause(v.minDelay());
        }
        Assembled a = r.assembled();
        if (a != null && a.usage() != null && a.usage().promptTokens() != null) {
            limiter.correct(a.usage().promptTokens() - estimatedTokens);
        }
    }
}
