package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.QuotaSettings;
import dev.gembatch.pipeline.QuotaPlugin;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, on the driver, how the executor JVMs share the project's quota: in local mode the one
 * JVM paces to all of it; on a cluster whose session runs {@link QuotaPlugin} the executors lease
 * their permits from the driver, so the quota holds however many executors come and go; without
 * the plugin (a session gembatch did not build), or when {@code gemini.quota.executors} is set,
 * the quota is split once, evenly, among the executors counted now.
 */
final class QuotaShares {
    private static final String INSTANCES = "spark.executor.instances";
    private static final String PLUGINS = "spark.plugins";
    private static final Logger LOG = LoggerFactory.getLogger(QuotaShares.class);

    private QuotaShares() {
    }

    /** The settings each executor JVM gets: the leased quota, or its fixed share. */
    static GeminiSettings perExecutor(SparkContext spark, GeminiSettings gemini) {
        QuotaSettings quota = gemini.quota();
        if (!quota.limited()) {
            return gemini;
        }
        if (quota.executors() == 0 && !spark.isLocal() && leasing(spark)) {
            return gemini.withQuota(quota.leasedFromDriver());
        }
        int executors = executors(spark, quota.executors());
        if (quota.executors() == 0 && !spark.isLocal()) {
            LOG.warn("gembatch: this Spark session does not run {} ({}), so the quota is split"
                    + " once among the {} executors counted now; executors added later (dynamic"
                    + " allocation) each get a share too and may exceed it together. Add {}={}"
                    + " when building the session, or set gemini.quota.executors.",
                    QuotaPlugin.NAME, PLUGINS, executors, PLUGINS, QuotaPlugin.NAME);
        }
        return gemini.withQuota(quota.share(executors));
    }

    /** True when the session's {@code spark.plugins} lists {@link QuotaPlugin}. */
    static boolean leasing(SparkContext spark) {
        return QuotaPlugin.listedIn(spark.conf().get(PLUGINS, ""));
    }

    /** {@code plugins} (a spark.plugins value, maybe empty) with {@link QuotaPlugin} added. */
    static String withPlugin(String plugins) {
        if (QuotaPlugin.listedIn(plugins)) {
            return plugins;
        }
        return plugins.isBlank() ? QuotaPlugin.NAME : plugins + "," + QuotaPlugin.NAME;
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
