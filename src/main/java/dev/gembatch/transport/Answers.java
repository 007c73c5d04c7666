package dev.gembatch.transport;

import dev.gembatch.assembly.Assembled;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.ErrorInfo;
import java.time.Instant;
import java.util.Locale;

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

    /**
     * Who served the answer: asked at {@code asked}; served as the response header says, else as
     * the usage says, else as asked (a server that names no tier served what it was asked).
     */
    static Billing tiers(ServiceTier asked, String header, Answer answer) {
        String served = header != null && !header.isBlank() ? header.toLowerCase(Locale.ROOT)
                : answer.usage().serviceTier() != null
                ? answer.usage().serviceTier().toLowerCase(Locale.ROOT) : asked.wireName();
        return new Billing(asked.wireName(), served, null);
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
