package dev.gembatch.pipeline;

import dev.gembatch.config.ModelSettings;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.output.ResultValues;
import dev.gembatch.prompt.CellText;
import dev.gembatch.report.RunCounters;
import dev.gembatch.transport.GeminiClient;
import dev.gembatch.transport.GeminiRequest;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The in-flight window of one partition: keeps up to {@code window} rows outstanding (sent, or
 * answered but not yet emitted), emits each output row as soon as its answer completes, so
 * memory is bounded by the window and not by the partition. A state machine driven by the
 * consumer: {@link #hasNext()} tops the window up from the input, {@link #next()} waits (with a
 * deadline) for the next completed row. Its {@link AnswerLog} may supply answers already paid
 * for (then nothing is sent) and journals what is emitted; while waiting, the log's flush
 * deadline is honoured. An answer is checked against the response schema before it is journaled
 * and counted, so the journal, the report and the output agree on its status.
 *
 * <p>When the client stops (the JVM is shutting down, see {@link GracefulStop}) no new row is
 * sent; the rows answered in the grace are emitted and journaled as usual, and a row the client
 * gave up without an answer is never emitted: the log is flushed and the task fails with
 * {@link TaskKilledException}, so Spark runs the partition again (not counted as a failure) and
 * that attempt reuses what this one journaled.
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
    private int unanswered;
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
        enter(ExecutorResources.stop());
    }

    /** Counts this partition as answering in the JVM until its task ends, however it ends. */
    private static void enter(GracefulStop stop) {
        Runnable leave = stop.enter();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) t -> leave.run());
        } else {
            leave.run(); // outside a Spark task there is no task end to wait for
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        if (outstanding > 0) {
            return true;
        }
        if (input.hasNext()) {
            throw stopped(); // the client stopped before every row could be sent
        }
        closeLog();
        return false;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Completed c = take();
        outstanding--;
        while (c.answer() == null) { // the client stopped before answering this row
            unanswered++;
            if (outstanding == 0) {
                throw stopped();
            }
            c = take();
            outstanding--;
        }
        Answer answer = priced(plan.struct().checked(c.answer()));
        log.emitted(c.requestId(), keyIndex >= 0 ? CellText.of(c.input().get(keyIndex))
                : c.requestId(), answer);
        counters.retried(tally.drain());
        budget.record(answer);
        meter.used(answer);
        return OutputRows.of(c.input(), c.input().length(),
                ResultValues.of(c.requestId(), answer));
    }

    private void fill() {
        while (outstanding < plan.window() && client.accepting() && input.hasNext()) {
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
        String day = client.exhausted();
        if (day != null) {
            done.add(new Completed(row, null, Answer.skipped(ErrorStatus.QUOTA_EXHAUSTED, day,
                    Instant.now())));
            return;
        }
        if (spent != null) {
            done.add(new Completed(row, null, Answer.skipped(ErrorStatus.BUDGET_EXHAUSTED, spent,
                    Instant.now())));
            return;
        }
        meter.sent();
        log.sending(requestId);
        counters.sent();
        ModelSettings model = plan.bodies().model();
        client.send(new GeminiRequest(plan.model(), request.body(), model.serviceTier(),
                model.flexFallback())).whenComplete((answer, error) ->
                done.add(new Completed(row, requestId, answer)));
    }

    /**
     * The answer with its cost: its usage at the served tier's price (cached prompt tokens at the
     * cached price); unchanged when no tier served it (never sent, or no answer came).
     */
    private Answer priced(Answer a) {
        Billing b = a.billing();
        if (b.servedTier() == null) {
            return a;
        }
        ServiceTier at = ServiceTier.ofWire(b.servedTier());
        if (at == null) {
            at = ServiceTier.ofWire(b.requestedTier());
        }
        double usd = plan.budget().price().cost(a.usage(), at == null ? ServiceTier.STANDARD : at);
        return a.billed(b.costing(usd));
    }

    /**
     * Ends the task without emitting the rows the client gave up: what was answered is flushed
     * to the log first, and the task is reported killed, so Spark runs it again.
     */
    private TaskKilledException stopped() {
        closeLog();
        return new TaskKilledException(PartitionAnswerer.STOPPED + "; " + unanswered
                + " rows in flight were not answered and the partition's remaining rows were"
                + " not sent: the task runs again and reuses what was journaled");
    }

    /** Flushes and closes the log once. */
    private void closeLog() {
        if (!closed) {
            closed = true;
            log.close();
        }
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

    /** One answered (or skipped) row waiting to be emitted; a null answer: the client gave up. */
    private record Completed(Row input, String requestId, Answer answer) {
    }
}
