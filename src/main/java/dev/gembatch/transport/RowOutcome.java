package dev.gembatch.transport;

import dev.gembatch.assembly.Assembled;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.config.Timeouts;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.ErrorStatus;

/**
 * The answer one {@link RetryingExchange} ends with, whichever way it ends (answered, failed,
 * timed out, the day's quota spent), built from the best partial stream its attempts received
 * and the times its {@link RetrySchedule} keeps. Used under the exchange's lock.
 */
final class RowOutcome {
    private final RetrySchedule schedule;
    private Assembled partial;

    RowOutcome(RetrySchedule schedule) {
        this.schedule = schedule;
    }

    /** Keeps what an attempt received when it has more than what was kept. */
    void keep(Assembled a) {
        if (a != null && (partial == null || !a.candidates().isEmpty())) {
            partial = a;
        }
    }

    /** The answer of the last attempt, {@code r}, as {@code v} judged it. */
    Answer last(Verdict v, AttemptResult r, int attempts, ServiceTier sent) {
        Answer a = v.answered()
                ? Answers.answered(r.assembled(), attempts, r.ttftMs(), schedule.elapsedMs(),
                        schedule.now())
                : Answers.failed(v.error(), partial, attempts, r.ttftMs(), schedule.elapsedMs(),
                        schedule.now());
        return a.billed(Answers.tiers(sent, r.servedTier(), a));
    }

    /** The row deadline passed between attempts. */
    Answer timedOut(Timeouts rowLimits, int attempts, ServiceTier tier) {
        ErrorInfo e = ErrorInfo.of(null, ErrorStatus.TIMEOUT, Deadline.ROW.describe(rowLimits),
                true);
        return Answers.failed(e, partial, attempts, null, schedule.elapsedMs(), schedule.now())
                .billed(new Billing(tier.wireName(), null, null));
    }

    /**
     * The day's quota is spent before the next attempt: SKIPPED when never sent, else FAILED with
     * QUOTA_EXHAUSTED (what it received is kept); a later run may send it.
     */
    Answer quotaSpent(String reason, int attempts) {
        return attempts == 0
                ? Answer.skipped(ErrorStatus.QUOTA_EXHAUSTED, reason, schedule.now())
                : Answers.failed(ErrorInfo.of(null, ErrorStatus.QUOTA_EXHAUSTED, reason, true),
                        partial, attempts, null, schedule.elapsedMs(), schedule.now());
    }
}
