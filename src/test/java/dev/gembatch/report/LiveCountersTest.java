package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.job.SparkTestBase;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Running tasks' counters reach the driver before the tasks end (with the executor heartbeat),
 * which is what makes the progress line live; finished tasks are counted once.
 */
class LiveCountersTest extends SparkTestBase {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void countsOfTasksStillRunningAreSeenOnTheDriver() throws Exception {
        SparkContext sc = spark().sparkContext();
        RunCounters counters = RunCounters.register(sc);
        LiveCounters live = new LiveCounters(counters.liveMetrics());
        sc.addSparkListener(live);
        try {
            CompletableFuture<Void> job = CompletableFuture.runAsync(() ->
                    new JavaSparkContext(sc).parallelize(List.of(1, 2, 3, 4, 5, 6), 2)
                            .foreachPartition(rows -> countThenWait(counters, rows)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (live.snapshot().get(Metric.OK) < 6 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50); // polling a condition, bounded by the deadline
            }
            assertEquals(6, live.snapshot().get(Metric.OK), "seen while both tasks still run");
            assertEquals(6, live.snapshot().get(Metric.SENT));
            assertEquals(4, live.snapshot().get(Metric.ON_WIRE), "a gauge: +3 -1 per task");
            RELEASE.countDown();
            job.get(60, TimeUnit.SECONDS);
            sc.listenerBus().waitUntilEmpty(30_000);
            assertEquals(6, live.snapshot().get(Metric.OK), "ended tasks are not counted twice");
            assertEquals(4, live.snapshot().get(Metric.ON_WIRE));
        } finally {
            RELEASE.countDown();
            sc.removeSparkListener(live);
        }
    }

    private static void countThenWait(RunCounters counters, java.util.Iterator<Integer> rows)
            throws InterruptedException {
        while (rows.hasNext()) {
            rows.next();
            counters.sent();
            counters.count(ok(), "k");
        }
        counters.onWire(3);
        counters.onWire(-1);
        RELEASE.await(60, TimeUnit.SECONDS);
    }

    private static Answer ok() {
        return new Answer(Status.OK, List.of(), null, null, null, null, null, 1, 5L, 10L, 1,
                Instant.EPOCH);
    }
}
