package dev.gembatch.transport;

import dev.gembatch.assembly.Assembled;
import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorInfo;
import java.time.Instant;

/**
 * Builds a row's final {@link Answer} from the assembled stream and the row's bookkeeping: the one
 * place outside {@code model} that uses Answer's full constructor.
 */
final class Answers {
    private Answers() {
    }

    /** The answering attempt's content with the status its finish reason (or block) gives. */
    static Answer answered(Assembled a, int attempts, Long ttftMs, long latencyMs, Instant at) {
        return new Answer(a.status(), a.candidates(), a.promptFeedback(), a.usage(),
                a.modelVersion(), a.responseId(), null, attempts, ttftMs, latencyMs, a.chunks(), at);
    }

    /** FAILED with the error; whatever the latest partial stream said is kept (may be null). */
    static Answer failed(ErrorInfo error, Assembled partial, int attempts, Long ttftMs,
                         long latencyMs, Instant at) {
        if (partial == null) {
            return Answer.failed(error, attempts, ttftMs, latencyMs, at);
        }
        return answered(partial, attempts, ttftMs, latencyMs, at).failedWith(error);
    }
}
