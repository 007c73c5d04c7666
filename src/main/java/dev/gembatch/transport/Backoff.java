package dev.gembatch.transport;

import dev.gembatch.config.RetrySettings;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after failed attempt n the wait is uniform in
 * [0, min(cap, initial * 2^(n-1))), raised to the server's hint (RetryInfo, Retry-After) when that
 * is longer; the hint is a minimum and is not capped.
 */
final class Backoff {
    private final RetrySettings settings;
    private final DoubleSupplier random;

    Backoff(RetrySettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    Duration after(int failedAttempt, Duration serverMinimum) {
        double ceiling = Math.min(settings.maxBackoff().toNanos(),
                settings.initialBackoff().toNanos() * Math.pow(2, failedAttempt - 1));
        Duration jittered = Duration.ofNanos((long) (random.getAsDouble() * ceiling));
        if (serverMinimum != null && serverMinimum.compareTo(jittered) > 0) {
            return serverMinimum;
        }
        return jittered;
    }
}
