package dev.gembatch.assembly;

import dev.gembatch.model.Candidate;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import dev.gembatch.stream.ApiError;
import java.util.List;

/**
 * The reassembled content of one attempt. candidates sorted by index (missing index = 0);
 * promptFeedback/usage null when the stream carried none; chunks = number of chunks seen;
 * error = the first in-band ApiError (null if none); malformed = the decoder's malformed detail
 * (null if none). An error-only body (a bare error object, an array-wrapped one, an error event)
 * is outcome ERROR with no candidates and the error's code, e.g. 503 for an overloaded model.
 */
public record Assembled(List<Candidate> candidates, PromptFeedback promptFeedback, Usage usage,
                        String modelVersion, String responseId, int chunks, ApiError error,
                        String malformed) {

    /** How the attempt ended, judged from the whole body. */
    public enum Outcome { COMPLETE, PROMPT_BLOCKED, ERROR, MALFORMED, INCOMPLETE }

    public Assembled {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /**
     * ERROR if error!=null, else MALFORMED if malformed!=null, else PROMPT_BLOCKED if
     * promptFeedback has a blockReason, else COMPLETE if there is at least one candidate and every
     * candidate has a finishReason, else INCOMPLETE (stream ended without a finish reason).
     */
    public Outcome outcome() {
        if (error != null) {
            return Outcome.ERROR;
        }
        if (malformed != null) {
            return Outcome.MALFORMED;
        }
        if (promptFeedback != null && promptFeedback.blocked()) {
            return Outcome.PROMPT_BLOCKED;
        }
        boolean finished = !candidates.isEmpty()
                && candidates.stream().allMatch(c -> c.finishReason() != null);
        return finished ? Outcome.COMPLETE : Outcome.INCOMPLETE;
    }

    /**
     * For COMPLETE: Status.ofFinishReason(first candidate's finish reason); PROMPT_BLOCKED: BLOCKED;
     * otherwise FAILED.
     */
    public Status status() {
        switch (outcome()) {
            case COMPLETE:
                return Status.ofFinishReason(candidates.get(0).finishReason());
            case PROMPT_BLOCKED:
                return Status.BLOCKED;
            default:
                return Status.FAILED;
        }
    }
}
