package dev.gembatch.config;

import java.io.Serializable;

/**
 * A request and input-token rate (per minute; 0 = no limit) — the project's quota as configured,
 * or one executor JVM's share of it once the driver has split it. {@code executors} is the number
 * of executor JVMs to split among (0 = count them when the job starts).
 */
public record QuotaSettings(double requestsPerMinute, double tokensPerMinute, int executors)
        implements Serializable {

    /** No quota: only the concurrency limiter paces requests. */
    public static final QuotaSettings NONE = new QuotaSettings(0, 0, 0);

    /** True when at least one of the two rates is limited. */
    public boolean limited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0;
    }

    /** One of {@code jvms} executor JVMs' equal share of this quota. */
    public QuotaSettings share(int jvms) {
        if (jvms < 1) {
            throw new IllegalArgumentException("a quota is shared among >= 1 JVMs, got " + jvms);
        }
        return new QuotaSettings(requestsPerMinute / jvms, tokensPerMinute / jvms, jvms);
    }
}
