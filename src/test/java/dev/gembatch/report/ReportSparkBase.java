package dev.gembatch.report;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same shared local[2] session as {@code dev.gembatch.job.SparkTestBase} (same conf, so
 * whichever test class starts it first), for the report package's tests.
 */
abstract class ReportSparkBase extends JavaDataFrameSuiteBase {

    @BeforeEach
    void startSpark() {
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
                .set("spark.executor.heartbeatInterval", "1s");
    }

    @Override
    public boolean enableHiveSupport() {
        return false;
    }
}
