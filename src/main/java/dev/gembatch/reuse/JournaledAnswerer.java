package dev.gembatch.reuse;

import dev.gembatch.pipeline.PartitionAnswerer;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.report.RunCounters;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.sql.Row;

/**
 * Answers one hash partition of the run's keyed requests, sorted by request_id: each distinct
 * request once, reusing what an earlier attempt of the same partition journaled, journaling
 * the rest as they complete; while another attempt of the partition still answers, it waits
 * for it first. Its fields are settings only.
 */
final class JournaledAnswerer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;
    private final RunCounters counters;
    private final Journal journal;

    JournaledAnswerer(RowPlan plan, RunCounters counters, Journal journal) {
        this.plan = plan;
        this.counters = counters;
        this.journal = journal;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sortedRows) {
        TaskContext task = TaskContext.get();
        JournalTask log = journal.open(task.partitionId(), task.stageAttemptNumber(),
                task.attemptNumber());
        // however the task ends (a fetch failure, a kill), what it answered is flushed and the
        // partition's claim released; after a normal end the answering has closed it already
        task.addTaskCompletionListener((TaskCompletionListener) done -> log.close());
        return PartitionAnswerer.answering(new DistinctRows(sortedRows, counters), plan, counters,
                new JournalLog(log, counters));
    }
}
