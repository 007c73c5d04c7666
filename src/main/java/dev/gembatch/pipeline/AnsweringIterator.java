package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultValues;
import dev.gembatch.report.RunCounters;
import dev.gembatch.transport.GeminiClient;
import dev.gembatch.transport.GeminiRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;

/**
 * The in-flight window of one partition: keeps up to {@code window} rows outstanding (sent, or
 * answered but not yet emitted), emits each output row as soon as its answer completes, so
 * memory is bounded by the window and not by the partition. A state machine driven by the
 * consumer: {@link #hasNext()} tops the window up from the input, {@link #next()} waits (with a
 * deadline) for the next completed row. Its {@link AnswerLog} may supply answers already paid
 * for (then nothing is sent) and journals what is emitted; while waiting, the log's flush
 * deadline is honoured. An answer is checked against the response schema before it is journaled
 * and counted, so the journal, the report and the output agree on its status.
 */
final class AnsweringIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private final RowPlan plan;
    private final GeminiClient client;
    private final AnswerLog log;
    private final RunCounters counters;
    private final AttemptTally tally;
    private final int keyIndex;
    private final FailureBudget budget = new FailureBudget();
    private final BudgetMeter meter;
    private final BlockingQueue<Completed> done = new LinkedBlockingQueue<>();
    private final long waitMillis;
    private int outstanding;
    private boolean closed;

    AnsweringIterator(Iterator<Row> input, RowPlan plan, GeminiClient client, AnswerLog log,
                      RunCounters counters, AttemptTally tally) {
        this.input = input;
        this.plan = plan;
        this.client = client;
        this.log = log;
        this.counters = counters;
        this.tally = tally;
        this.keyIndex = counters.keyColumn() == null ? -1
                : plan.inputColumns().indexOf(counters.keyColumn());
        this.meter = plan.budget().meter(TaskContext.getPartitionId());
        // the client completes every row by its row deadline; a minute more is a hard stop
        this.waitMillis = plan.gemini().timeouts().row().toMillis() + 60_000L;
    }

    @Override
    public boolean hasNext() {
        fill();
        if (outstanding == 0 && !closed) {
            closed = true;
            log.close();
        }
        return outstanding > 0;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Completed c = take();
        outstanding--;
        Answer answer = plan.struct().checked(c.answer());
        log.emitted(c.requestId(), keyIndex >= 0 ? CellText.of(c.input().get(keyIndex))
                : c.requestId(), answer);
        counters.retried(tally.drain());
        budget.record(answer);
        meter.used(answer);
        return OutputRows.of(c.input(), c.input().length(),
                ResultValues.of(c.requestId(), answer));
    }

    private void fill() {
        while (outstanding < plan.window() && input.hasNext()) {
            Row row = input.next();
            outstanding++;
            submit(row);
        }
    }

    private void submit(Row row) {
        RowRequest request = plan.request(row);
        if (!request.sendable()) {
            done.add(new Completed(row, null, Answer.skipped(request.skipStatus(),
                    request.skipReason(), Instant.now())));
            return;
        }
        String requestId = request.requestId();
        Answer reused = log.reuse(requestId);
        if (reused != null) {
            done.add(new Completed(row, requestId, reused));
            return;
        }
        String spent = meter.exhausted();
        if (spent != null) {
            done.add(new Completed(row, null, Answer.skipped("BUDGET_EXHAUSTED", spent,
                    Instant.now())));
            return;
        }
        meter.sent();
        log.sending(requestId);
        counters.sent();
        client.send(new GeminiRequest(plan.model(), request.body())).whenComplete((answer, error) ->
                done.add(new Completed(row, requestId, answer != null ? answer : internal(error))));
    }

    private Completed take() {
        try {
            long deadline = System.currentTimeMillis() + waitMillis;
            Completed c = null;
            for (long left = waitMillis; c == null && left > 0;
                    left = deadline - System.currentTimeMillis()) {
                c = done.poll(Math.min(left, log.millisUntilDue()), TimeUnit.MILLISECONDS);
                log.tick();
            }
            if (c == null) {
                throw new IllegalStateException("no answer completed within " + waitMillis
                        + " ms although the client guarantees a row deadline");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for answers", e);
        }
    }

    private static Answer internal(Throwable error) {
        return new Answer(Status.FAILED, List.of(), null, null, null, null,
                new ErrorInfo(null, "INTERNAL_ERROR", null, String.valueOf(error), false),
                0, null, null, 0, Instant.now());
    }

    /** One answered (or skipped) row waiting to be emitted. */
    private record Completed(Row input, String requestId, Answer answer) {
    }
}
