package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.model.Status;
import java.util.Set;

/**
 * Stops a run that cannot succeed: when {@link #LIMIT} answers in a row fail with a systemic
 * error (invalid API key, 401, 403, unknown model, or an endpoint no attempt could connect to:
 * {@link ErrorStatus#UNREACHABLE}, after the row's own retries) the task throws
 * {@link SystemicFailureException}, so the job aborts in seconds instead of producing millions of
 * FAILED rows. One success resets the count; other failures (a connection cut once open, a
 * timeout, a 5xx) are per-row data.
 */
final class FailureBudget {
    /** Consecutive systemic failures that abort the run. */
    static final int LIMIT = 3;
    private static final Set<Integer> SYSTEMIC_CODES = Set.of(401, 403, 404);
    private int consecutive;

    void record(Answer answer) {
        if (answer.status() == Status.SKIPPED) {
            return;
        }
        if (!isSystemic(answer.error())) {
            consecutive = 0;
            return;
        }
        if (++consecutive >= LIMIT) {
            throw new SystemicFailureException(describe(answer.error()).replaceAll("\\R", " "));
        }
    }

    static boolean isSystemic(ErrorInfo e) {
        return e != null && (e.is(ErrorStatus.UNREACHABLE) || !e.retryable()
                && (e.httpCode() != null && SYSTEMIC_CODES.contains(e.httpCode())
                || "API_KEY_INVALID".equals(e.reason())));
    }

    private static String describe(ErrorInfo e) {
        if (e.is(ErrorStatus.UNREACHABLE)) {
            return LIMIT + " rows in a row could not connect to the endpoint (" + e.status() + ": "
                    + e.message() + "); check gemini.base-url, the network (proxy, firewall)"
                    + " and the TLS trust store";
        }
        return e.httpCode() + " " + e.status() + (e.reason() == null ? "" : " (" + e.reason()
                + ")") + ": " + e.message();
    }
}
