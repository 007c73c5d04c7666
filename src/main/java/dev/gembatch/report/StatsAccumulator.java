package dev.gembatch.report;

import dev.gembatch.model.Answer;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator of {@link RunStats}. Tasks add rows and retry causes; Spark merges the
 * task copies on the driver. Thread-safe: the executor's heartbeat thread reads it while the
 * task adds, so every access holds its lock and {@link #value()} returns a copy. Spark registers
 * a task's copy while deserializing it, before its own fields are read, and a heartbeat may read
 * it in between: a missing {@code stats} reads as empty (an exception there would end the
 * executor's heartbeats, and with them every live counter).
 */
final class StatsAccumulator extends AccumulatorV2<Answer, RunStats> {
    private static final long serialVersionUID = 1L;
    private RunStats stats = new RunStats();

    /** Adds one emitted row, keyed for the error samples. */
    synchronized void row(Answer a, String key) {
        stats().row(a, key);
    }

    synchronized void retries(Map<String, Long> byCause) {
        stats().retries(byCause);
    }

    @Override
    public synchronized void add(Answer a) {
        stats().row(a, null);
    }

    @Override
    public synchronized boolean isZero() {
        return stats == null || stats.isEmpty();
    }

    @Override
    public synchronized AccumulatorV2<Answer, RunStats> copy() {
        StatsAccumulator c = new StatsAccumulator();
        c.stats = stats().copy();
        return c;
    }

    @Override
    public synchronized void reset() {
        stats = new RunStats();
    }

    @Override
    public void merge(AccumulatorV2<Answer, RunStats> other) {
        RunStats theirs = other.value();
        synchronized (this) {
            stats().merge(theirs);
        }
    }

    @Override
    public synchronized RunStats value() {
        return stats().copy();
    }

    /** The stats, created when read before deserialization has set them. */
    private RunStats stats() {
        if (stats == null) {
            stats = new RunStats();
        }
        return stats;
    }
}
