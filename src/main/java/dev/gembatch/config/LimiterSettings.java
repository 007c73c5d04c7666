package dev.gembatch.config;

import java.io.Serializable;

/**
 * Requests in flight per executor JVM. Fixed: always {@code initial}. Adaptive: starts at
 * {@code initial}, shrinks on 429/503 and grows on success, staying within [min, max].
 */
public record LimiterSettings(boolean adaptive, int initial, int min, int max)
        implements Serializable {

    /** A fixed limit of {@code n} requests in flight. */
    public static LimiterSettings fixed(int n) {
        return new LimiterSettings(false, n, n, n);
    }
}
