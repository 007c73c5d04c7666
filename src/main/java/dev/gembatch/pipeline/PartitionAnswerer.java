package dev.gembatch.pipeline;

import dev.gembatch.report.RunCounters;
import dev.gembatch.transport.GeminiClient;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The executor side of a run: answers the rows of one partition through this JVM's client, each
 * input row coming out once, with its result columns appended. Its fields are settings only.
 * {@link #answering} is the same answering for a path that keeps its own {@link AnswerLog}.
 */
public final class PartitionAnswerer implements MapPartitionsFunction<Row, Row> {
    /** How a task handed back to Spark on a graceful stop begins its reason. */
    public static final String STOPPED = "gembatch: the executor is shutting down";
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;
    private final RunCounters counters;

    public PartitionAnswerer(RowPlan plan, RunCounters counters) {
        this.plan = plan;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return answering(rows, plan, counters, new CountingLog(counters));
    }

    /**
     * The rows of one task answered through this JVM's client, as they complete: {@code log}
     * supplies the answers it can reuse (then nothing is sent) and records what is sent and
     * emitted; the requests on the wire are added to the run's gauge as they change. Call on an
     * executor, in the task that consumes the iterator.
     */
    public static Iterator<Row> answering(Iterator<Row> rows, RowPlan plan, RunCounters counters,
                                          AnswerLog log) {
        GeminiClient client = ExecutorResources.client(plan.gemini());
        AttemptTally tally = ExecutorResources.tally(plan.gemini());
        return new AnsweringIterator(rows, plan, client, new WireGaugeLog(log, tally, counters),
                counters, tally);
    }
}
