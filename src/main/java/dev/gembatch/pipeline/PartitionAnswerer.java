package dev.gembatch.pipeline;

import dev.gembatch.report.RunCounters;
import dev.gembatch.transport.GeminiClient;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The executor side of a run: answers the rows of one partition through this JVM's client, each
 * input row coming out once, with its result columns appended. Its fields are settings only.
 */
public final class PartitionAnswerer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;
    private final RunCounters counters;

    public PartitionAnswerer(RowPlan plan, RunCounters counters) {
        this.plan = plan;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        GeminiClient client = ExecutorResources.client(plan.gemini());
        AttemptTally tally = ExecutorResources.tally(plan.gemini());
        return new AnsweringIterator(rows, plan, client,
                new WireGaugeLog(new CountingLog(counters), tally, counters), counters, tally);
    }
}
