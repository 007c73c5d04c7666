package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.QuotaSettings;
import org.apache.spark.SparkContext;

/**
 * Splits the project's quota evenly among the executor JVMs that will run tasks, on the driver:
 * each executor then paces its own sends to its share, so together they stay within the quota.
 */
final class QuotaShares {
    private static final String INSTANCES = "spark.executor.instances";

    private QuotaShares() {
    }

    /** The settings each executor JVM gets: the quota divided by {@link #executors}. */
    static GeminiSettings perExecutor(SparkContext spark, GeminiSettings gemini) {
        QuotaSettings quota = gemini.quota();
        if (!quota.limited()) {
            return gemini;
        }
        return gemini.withQuota(quota.share(executors(spark, quota.executors())));
    }

    /**
     * {@code configured} when set; 1 in local mode (one JVM runs every task); otherwise the
     * larger of the executors registered now and {@code spark.executor.instances}, at least 1.
     */
    static int executors(SparkContext spark, int configured) {
        if (configured > 0) {
            return configured;
        }
        if (spark.isLocal()) {
            return 1;
        }
        int registered = spark.statusTracker().getExecutorInfos().length - 1; // minus the driver
        int requested = spark.conf().getInt(INSTANCES, 0);
        return Math.max(1, Math.max(registered, requested));
    }
}
