package dev.gembatch.transport;

import dev.gembatch.model.ErrorInfo;
import java.time.Duration;

/**
 * The classification of one attempt: no error (an answer to keep), or an error with whether it
 * may be retried, the server's minimum wait (null when it gave none), whether it is an overload
 * signal for the adaptive limiter (429, 503), and whether it says the project's per-day quota is
 * spent (a 429 naming a PerDay quota, or {@code limit: 0}).
 */
record Verdict(ErrorInfo error, Duration minDelay, boolean overload, boolean dailyQuota) {

    static final Verdict ANSWERED = new Verdict(null, null, false, false);

    boolean answered() {
        return error == null;
    }

    boolean retryable() {
        return error != null && error.retryable();
    }
}
