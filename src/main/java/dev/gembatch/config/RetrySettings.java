package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Retry policy: attempts per row including the first, and the exponential full-jitter backoff's
 * first and largest delay. A server retry hint (RetryInfo, Retry-After) raises the wait above it.
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {
}
