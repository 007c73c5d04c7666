package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.output.JournalTask;
import dev.gembatch.report.RunCounters;

/**
 * The log of the deduplicated path: reuses what earlier attempts of the partition journaled,
 * journals every emitted answer except SKIPPED ones (a resumed run decides those again), counts
 * request-level totals (rows are counted after the join back) and re-sent requests of a
 * retried task.
 */
final class JournalLog implements AnswerLog {
    private final JournalTask journal;
    private final RunCounters counters;
    private final boolean retriedTask;
    private long reused;
    private long resent;

    JournalLog(JournalTask journal, RunCounters counters, boolean retriedTask) {
        this.journal = journal;
        this.counters = counters;
        this.retriedTask = retriedTask;
    }

    @Override
    public Answer reuse(String requestId) {
        Answer earlier = journal.earlier(requestId);
        if (earlier != null) {
            reused++;
        }
        return earlier;
    }

    @Override
    public void sending(String requestId) {
        if (retriedTask) {
            resent++;
        }
    }

    @Override
    public void emitted(String requestId, String key, Answer answer) {
        if (answer.status() == Status.SKIPPED || journal.earlier(requestId) != null) {
            return;
        }
        counters.countRequest(answer, key);
        journal.append(requestId, answer);
    }

    @Override
    public long millisUntilDue() {
        return journal.millisUntilDue();
    }

    @Override
    public void tick() {
        journal.flushIfDue();
    }

    @Override
    public void close() {
        journal.close();
        counters.journaled(journal.written());
        counters.resumed(reused);
        counters.resent(resent);
    }
}
