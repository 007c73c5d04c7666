package dev.gembatch.job;

import dev.gembatch.config.JobSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the job's Spark session. Under spark-submit the master and the cluster settings come
 * from Spark; run by the launcher, {@code spark.master} of the job applies, and a local master
 * binds the driver to loopback only. The session runs gembatch's {@code QuotaPlugin} (beside any
 * plugins configured), so executors lease the quota from the driver. A session that already
 * existed (a test's, a notebook's) is used as is and left running.
 */
final class SparkSessions {
    private SparkSessions() {
    }

    /** A session and whether this run created it (and so must stop it). */
    record Owned(SparkSession spark, boolean created) implements AutoCloseable {
        @Override
        public void close() {
            if (created) {
                spark.stop();
            }
        }
    }

    static Owned open(JobSettings job) {
        scala.Option<SparkSession> existing = SparkSession.getActiveSession();
        if (existing.isEmpty()) {
            existing = SparkSession.getDefaultSession();
        }
        if (existing.isDefined()) {
            return new Owned(existing.get(), false);
        }
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("gembatch");
        if (!submitted.contains("spark.master")) {
            String master = job.spark().master();
            builder.master(master);
            if (master.startsWith("local")) {
                builder.config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (!submitted.contains("spark.executor.heartbeatInterval")) {
            // running tasks' counters reach the driver's progress line with each heartbeat
            builder.config("spark.executor.heartbeatInterval", RunReporting.heartbeat(job.report()));
        }
        job.spark().conf().forEach(builder::config);
        // the executors lease the quota from the driver (QuotaShares), whatever spark.plugins says
        builder.config("spark.plugins", QuotaShares.withPlugin(job.spark().conf()
                .getOrDefault("spark.plugins", submitted.get("spark.plugins", ""))));
        return new Owned(builder.getOrCreate(), true);
    }
}
