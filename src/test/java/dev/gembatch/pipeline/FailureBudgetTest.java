package dev.gembatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private static Answer failed(ErrorInfo error) {
        return new Answer(Status.FAILED, List.of(), null, null, null, null, error, 1, null, 1L,
                0, Instant.EPOCH);
    }
}
