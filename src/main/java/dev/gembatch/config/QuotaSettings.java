package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * A request and input-token rate (per minute; 0 = no limit) — the project's quota as configured,
 * or one executor JVM's share of it once the driver has split it. {@code executors} is the number
 * of executor JVMs to split among (0 = lease from the driver on a cluster, see {@code leased});
 * {@code burst} is how far sends may run ahead of the even pace (the quota's worth of that
 * duration, at least one request and one second of tokens); {@code leased} says that executors
 * take their permits from the driver's ledger of the whole quota instead of a fixed share.
 */
public record QuotaSettings(double requestsPerMinute, double tokensPerMinute, int executors,
                            Duration burst, boolean leased) implements Serializable {

    private static final double SECONDS_PER_MINUTE = 60;

    /** No quota: only the concurrency limiter paces requests. */
    public static final QuotaSettings NONE = new QuotaSettings(0, 0, 0, Duration.ZERO, false);

    /** A quota of these rates with no burst, split by the driver's count of executors. */
    public static QuotaSettings of(double requestsPerMinute, double tokensPerMinute) {
        return new QuotaSettings(requestsPerMinute, tokensPerMinute, 0, Duration.ZERO, false);
    }

    /** True when at least one of the two rates is limited. */
    public boolean limited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }

    /** One of {@code jvms} executor JVMs' equal share of this quota (the burst shared alike). */
    public QuotaSettings share(int jvms) {
        if (jvms < 1) {
            throw new IllegalArgumentException("a quota is shared among >= 1 JVMs, got " + jvms);
        }
        return new QuotaSettings(requestsPerMinute / jvms, tokensPerMinute / jvms, jvms, burst,
                false);
    }

    /** The whole quota, its permits leased by the driver to whichever executors ask. */
    public QuotaSettings leasedFromDriver() {
        return new QuotaSettings(requestsPerMinute, tokensPerMinute, 0, burst, true);
    }

    /** The same quota with another burst. */
    public QuotaSettings withBurst(Duration other) {
        return new QuotaSettings(requestsPerMinute, tokensPerMinute, executors, other, leased);
    }

    /** Requests that may leave at once: the burst's worth of the rate, at least one. */
    public double requestCapacity() {
        return Math.max(1, requestsPerMinute * minutes(burst));
    }

    /** Input tokens that may be spent at once: the burst's worth, at least one second's. */
    public double tokenCapacity() {
        double second = tokensPerMinute / SECONDS_PER_MINUTE;
        return Math.max(1, Math.max(second, tokensPerMinute * minutes(burst)));
    }

    private static double minutes(Duration d) {
        return d.toNanos() / 60e9;
    }
}
