package dev.gembatch.emulator;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Requests-per-minute and input-tokens-per-minute quotas over a one-minute window that opens with
 * the first request after the previous window closed. 0 disables a limit.
 */
final class QuotaWindow {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final LongSupplier nanoClock;
    private long windowStart;
    private boolean open;
    private int requests;
    private long tokens;

    /** A refusal: which limit was hit, its value and the seconds until the window closes. */
    record Denial(boolean tokens, long limit, long retrySeconds) {
    }

    QuotaWindow(int requestsPerMinute, int tokensPerMinute, LongSupplier nanoClock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.nanoClock = nanoClock;
    }

    /** Counts the request if it fits; returns null when admitted, else why not. */
    synchronized Denial admit(int promptTokens) {
        if (requestsPerMinute == 0 && tokensPerMinute == 0) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (!open || now - windowStart >= MINUTE) {
            open = true;
            windowStart = now;
            requests = 0;
            tokens = 0;
        }
        long retry = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(windowStart + MINUTE - now + 999_999_999L));
        if (requestsPerMinute > 0 && requests >= requestsPerMinute) {
            return new Denial(false, requestsPerMinute, retry);
        }
        if (tokensPerMinute > 0 && tokens + promptTokens > tokensPerMinute) {
            return new Denial(true, tokensPerMinute, retry);
        }
        requests++;
        tokens += promptTokens;
        return null;
    }
}
