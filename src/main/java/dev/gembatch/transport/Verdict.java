package dev.gembatch.transport;

import dev.gembatch.model.ErrorInfo;
import java.time.Duration;

/**
 * The classification of one attempt: no error (an answer to keep), or an error with whether it
 * may be retried, the server's minimum wait (null when it gave none), and whether it is an
 * overload signal for the adaptive limiter (429, 503).
 */
record Verdict(ErrorInfo error, Duration minDelay, boolean overload) {

    static final Verdict ANSWERED = new Verdict(null, null, false);

    boolean answered() {
        return error == null;
    }

    boolean retryable() {
        return error != null && error.retryable();
    }
}
