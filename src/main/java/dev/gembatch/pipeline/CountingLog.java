package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.report.RunCounters;

/** The log of the plain path (pipeline.dedupe = false): counts each emitted row, reuses nothing. */
final class CountingLog implements AnswerLog {
    private final RunCounters counters;

    CountingLog(RunCounters counters) {
        this.counters = counters;
    }

    @Override
    public Answer reuse(String requestId) {
        return null;
    }

    @Override
    public void sending(String requestId) {
        // nothing to record: every row is sent once by the one action
    }

    @Override
    public void emitted(String requestId, String key, Answer answer) {
        counters.count(answer, key);
    }

    @Override
    public long millisUntilDue() {
        return Long.MAX_VALUE;
    }

    @Override
    public void tick() {
        // nothing is time-driven
    }

    @Override
    public void close() {
        // nothing buffered
    }
}
