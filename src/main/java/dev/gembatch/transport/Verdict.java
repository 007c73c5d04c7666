package dev.gembatch.transport;

import dev.gembatch.model.ErrorInfo;
import java.time.Duration;

/**
 * The classification of one attempt: no error (an answer to keep), or an error with whether it
 * may be retried, the server's minimum wait (null when it gave none), whether it is an overload
 * signal for the adaptive limiter (429, 503), whether it is a Flex request the server shed for
 * lack of capacity (retried apart from the row's retry budget, see
 * {@link RetrySchedule#shedDelay}), and whether it says the project's per-day quota is spent (a
 * 429 naming a PerDay quota, or {@code limit: 0}).
 */
record Verdict(ErrorInfo error, Duration minDelay, boolean overload, boolean shed,
               boolean dailyQuota) {

    static final Verdict ANSWERED = new Verdict(null, null, false, false, false);

    Verdict(ErrorInfo error, Duration minDelay, boolean overload) {
        this(error, minDelay, overload, false, false);
    }

    /** This verdict as a shed Flex request. */
    Verdict asShed() {
        return new Verdict(error, minDelay, overload, true, dailyQuota);
    }

    boolean answered() {
        return error == null;
    }

    boolean retryable() {
        return error != null && error.retryable();
    }
}
