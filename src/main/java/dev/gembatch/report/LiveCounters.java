package dev.gembatch.report;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * The run's counters while it runs, on the driver. Spark merges accumulators only when a task
 * ends, but every executor heartbeat carries the current values of its running tasks'
 * accumulators ({@code spark.executor.heartbeatInterval}); so a live value is the sum over
 * finished tasks (their final update) plus, per running task, its latest heartbeat value.
 * Failed task attempts drop out (Spark re-runs them). Called on Spark's listener thread; read
 * from the progress thread; thread-safe.
 */
final class LiveCounters extends SparkListener {
    private final Map<Long, Metric> metrics;
    private final Map<Metric, Long> finished = new EnumMap<>(Metric.class);
    private final Map<Long, Map<Metric, Long>> running = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();

    LiveCounters(Map<Long, Metric> metrics) {
        this.metrics = Map.copyOf(metrics);
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
        // Scala 2.13 (Spark 4) types the updates as immutable.Seq, 2.12 as collection.Seq
        for (Tuple4<Object, Object, Object, ? extends scala.collection.Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaList(e.accumUpdates())) {
            long taskId = (Long) task._1();
            Map<Metric, Long> values = ours(JavaConverters.seqAsJavaList(task._4()));
            if (!ended.contains(taskId) && !values.isEmpty()) {
                running.computeIfAbsent(taskId, id -> new EnumMap<>(Metric.class))
                        .putAll(values);
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        long taskId = e.taskInfo().taskId();
        ended.add(taskId);
        running.remove(taskId);
        if (e.taskInfo().successful()) {
            ours(JavaConverters.seqAsJavaList(e.taskInfo().accumulables()))
                    .forEach((m, v) -> finished.merge(m, v, Long::sum));
        }
    }

    /** The current value of every metric (0 when nothing was seen yet). */
    synchronized Map<Metric, Long> snapshot() {
        Map<Metric, Long> now = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            now.put(m, finished.getOrDefault(m, 0L));
        }
        running.values().forEach(task -> task.forEach((m, v) -> now.merge(m, v, Long::sum)));
        return now;
    }

    private Map<Metric, Long> ours(List<AccumulableInfo> infos) {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        for (AccumulableInfo info : infos) {
            Metric m = metrics.get(info.id());
            if (m != null && info.update().isDefined()
                    && info.update().get() instanceof Number n) {
                values.put(m, n.longValue());
            }
        }
        return values;
    }
}
