package dev.gembatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures count towards aborting the run. */
class FailureBudgetTest {
    @Test
    void failureWithoutHttpCodeIsPerRowDataNotACrash() {
        FailureBudget budget = new FailureBudget();
        ErrorInfo invalidJson = new ErrorInfo(null, "INVALID_JSON", null, "not JSON", false);
        assertFalse(FailureBudget.isSystemic(invalidJson));
        for (int i = 0; i < FailureBudget.LIMIT + 1; i++) {
            budget.record(failed(invalidJson));
        }
    }

    @Test
    void consecutiveInvalidKeyAnswersAbort() {
        FailureBudget budget = new FailureBudget();
        ErrorInfo key = new ErrorInfo(400, "INVALID_ARGUMENT", "API_KEY_INVALID", "bad key", false);
        budget.record(failed(key));
        budget.record(failed(key));
        assertThrows(SystemicFailureException.class, () -> budget.record(failed(key)));
    }

    /** Issue 11 item 7b: rows that never reached the endpoint were retried row by row, forever. */
    @Test
    void consecutiveUnreachableAnswersAbortWithOneLineNamingTheCause() {
        FailureBudget budget = new FailureBudget();
        ErrorInfo refused = new ErrorInfo(null, "UNREACHABLE", null, "HttpHostConnectException:"
                + " Connect to http://127.0.0.1:9 failed: Connection refused", true);
        assertTrue(FailureBudget.isSystemic(refused));
        budget.record(failed(refused));
        budget.record(failed(refused));
        SystemicFailureException e = assertThrows(SystemicFailureException.class,
                () -> budget.record(failed(refused)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains("UNREACHABLE") && m.contains("Connection refused")
                && m.contains("gemini.base-url"), m);
        assertFalse(m.contains("null"), m);
    }

    @Test
    void connectionsCutMidStreamNeverAbort() {
        FailureBudget budget = new FailureBudget();
        ErrorInfo cut = new ErrorInfo(200, "CONNECTION_LOST", null, "Connection reset", true);
        assertFalse(FailureBudget.isSystemic(cut));
        for (int i = 0; i < FailureBudget.LIMIT + 1; i++) {
            budget.record(failed(cut));
        }
    }

    private static Answer failed(ErrorInfo error) {
        return new Answer(Status.FAILED, List.of(), null, null, null, null, error, 1, null, 1L,
                0, Instant.EPOCH);
    }
}
