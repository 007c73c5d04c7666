package dev.gembatch.job;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.BeforeEach;
import scala.collection.JavaConverters;

/**
 * spark-testing-base's shared session for Jupiter tests: one local[2] SparkContext per test JVM,
 * bound to loopback, UI off, a heartbeat every second (the report tests read live counters from
 * it). Spark test classes of any package extend it. Subclasses use {@code spark()}, and
 * {@link #sparkJobs} to see which Spark jobs an action runs.
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

    /** The name of the first stage of every Spark job {@code action} runs, in order. */
    protected List<String> sparkJobs(Callable<?> action) throws Exception {
        List<String> jobs = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.add(JavaConverters.seqAsJavaList(start.stageInfos()).get(0).name());
            }
        };
        spark().sparkContext().addSparkListener(listener);
        try {
            action.call();
            spark().sparkContext().listenerBus().waitUntilEmpty(30_000);
        } finally {
            spark().sparkContext().removeSparkListener(listener);
        }
        return jobs;
    }
}
