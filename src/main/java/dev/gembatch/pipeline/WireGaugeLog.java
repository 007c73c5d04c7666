package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.report.RunCounters;

/**
 * A task's {@link AnswerLog} that also keeps the run's "in flight" current: at every tick (after
 * each wait for an answer, and at least every {@link #REFRESH_MILLIS} while the task waits) it
 * adds the change in its JVM's requests on the wire (see {@link AttemptTally}) to the task's
 * counters, so the figure moves while rows stall or back off and nothing is emitted.
 */
final class WireGaugeLog implements AnswerLog {
    static final long REFRESH_MILLIS = 1_000;
    private final AnswerLog log;
    private final AttemptTally tally;
    private final RunCounters counters;

    WireGaugeLog(AnswerLog log, AttemptTally tally, RunCounters counters) {
        this.log = log;
        this.tally = tally;
        this.counters = counters;
    }

    @Override
    public Answer reuse(String requestId) {
        return log.reuse(requestId);
    }

    @Override
    public void sending(String requestId) {
        log.sending(requestId);
    }

    @Override
    public void emitted(String requestId, String key, Answer answer) {
        log.emitted(requestId, key, answer);
    }

    @Override
    public long millisUntilDue() {
        return Math.min(REFRESH_MILLIS, log.millisUntilDue());
    }

    @Override
    public void tick() {
        log.tick();
        counters.onWire(tally.drainOnWire());
    }

    @Override
    public void close() {
        counters.onWire(tally.drainOnWire());
        log.close();
    }
}
