package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.Status;
import java.util.Set;

/**
 * Stops a run that cannot succeed: when {@link #LIMIT} answers in a row fail with a systemic
 * error (invalid API key, 401, 403, unknown model) the task throws
 * {@link SystemicFailureException}, so the job aborts in seconds instead of producing millions of
 * FAILED rows. One success resets the count; other failures are per-row data.
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
            ErrorInfo e = answer.error();
            throw new SystemicFailureException(e.httpCode() + " " + e.status()
                    + (e.reason() == null ? "" : " (" + e.reason() + ")") + ": " + e.message());
        }
    }

    static boolean isSystemic(ErrorInfo e) {
        return e != null && !e.retryable() && (e.httpCode() != null
                && SYSTEMIC_CODES.contains(e.httpCode())
                || "API_KEY_INVALID".equals(e.reason()));
    }
}
