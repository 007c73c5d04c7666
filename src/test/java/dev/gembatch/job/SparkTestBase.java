package dev.gembatch.job;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;

/**
 * spark-testing-base's shared session for Jupiter tests: one local[2] SparkContext per test JVM,
 * bound to loopback, UI off, a heartbeat every second (the report tests read live counters from
 * it). Spark test classes of any package extend it. Subclasses use {@code spark()}.
 */
public abstract class SparkTestBase extends JavaDataFrameSuiteBase {

    @BeforeEach
    protected void startSpark() {
        runBefore();
    }

    @Override
    public SparkConf conf() {
        return new SparkConf()
                .setMaster("local[2]")
                .setAppName("gembatch-tests")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.sql.session.timeZone", "UTC")
                // running tasks' accumulators reach the driver's listeners with each heartbeat
                .set("spark.executor.heartbeatInterval", "1s");
    }

    @Override
    public boolean enableHiveSupport() {
        return false;
    }
}
