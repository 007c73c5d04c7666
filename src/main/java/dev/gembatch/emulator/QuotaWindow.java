package dev.gembatch.emulator;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Requests-per-minute and input-tokens-per-minute quotas over a one-minute window that opens with
 * the first request after the previous window closed, and a requests-per-day quota that, once
 * spent, refuses every later request (the emulator's day never ends). 0 disables a limit.
 */
final class QuotaWindow {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    /** What a per-day refusal asks to wait: the day's reset is hours away. */
    private static final long DAY_SECONDS = TimeUnit.HOURS.toSeconds(8);
    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final int requestsPerDay;
    private final LongSupplier nanoClock;
    private int today;
    private long windowStart;
    private boolean open;
    private int requests;
    private long tokens;

    /**
     * A refusal: which limit was hit (tokens or requests; per day or per minute), its value and
     * the seconds until it resets.
     */
    record Denial(boolean tokens, boolean perDay, long limit, long retrySeconds) {
    }

    QuotaWindow(int requestsPerMinute, int tokensPerMinute, int requestsPerDay,
                LongSupplier nanoClock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.requestsPerDay = requestsPerDay;
        this.nanoClock = nanoClock;
    }

    /** Counts the request if it fits; returns null when admitted, else why not. */
    synchronized Denial admit(int promptTokens) {
        if (requestsPerDay > 0 && today >= requestsPerDay) {
            return new Denial(false, true, requestsPerDay, DAY_SECONDS);
        }
        if (requestsPerMinute == 0 && tokensPerMinute == 0) {
            today++;
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
            return new Denial(false, false, requestsPerMinute, retry);
        }
        if (tokensPerMinute > 0 && tokens + promptTokens > tokensPerMinute) {
            return new Denial(true, false, tokensPerMinute, retry);
        }
        today++;
        requests++;
        tokens += promptTokens;
        return null;
    }
}
