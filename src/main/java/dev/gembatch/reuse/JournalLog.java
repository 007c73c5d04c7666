package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.pipeline.AnswerLog;
import dev.gembatch.report.RunCounters;

/**
 * The log of the deduplicated path: reuses what earlier attempts of the partition journaled,
 * journals every emitted answer except SKIPPED ones (a resumed run decides those again), counts
 * request-level totals (rows are counted after the join back) and the requests a retried task
 * sends again: those an earlier attempt journaled as sent without an answer (a request sent
 * after that attempt's last journal file is not known, so a killed attempt's last flush
 * interval can go uncounted).
 */
final class JournalLog implements AnswerLog {
    private final JournalTask journal;
    private final RunCounters counters;
    private long reused;
    private long resent;

    JournalLog(JournalTask journal, RunCounters counters) {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public Answer reuse(String requestId) {
        Answer earlier = journal.earlier(requestId);
        if (earlier != null) {
            reused++;
        }
        return earlier;
    }

    /** Journals the send; counts it as re-sent when an earlier attempt sent it unanswered. */
    @Override
    public void sending(String requestId) {
        if (journal.sentEarlier(requestId)) {
            resent++;
        }
        journal.sending(requestId);
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
        counters.reused(reused);
        counters.resent(resent);
    }
}
