package dev.gembatch.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The complete result for one row: what the model said (candidates, in index order), what the
 * server said about the prompt, usage, identifiers, the error when there is no complete answer,
 * and how it went (attempts, time to first byte of the answering attempt, total latency across
 * attempts, chunk count, completion time), and its {@link Billing} (tier asked for and served,
 * cost). Made with the factories below, or with the full constructor where an answered stream is
 * turned into an Answer (transport's Answers).
 */
public record Answer(Status status, List<Candidate> candidates, PromptFeedback promptFeedback,
                     Usage usage, String modelVersion, String responseId, ErrorInfo error,
                     int attempts, Long ttftMs, Long latencyMs, int chunks, Instant completedAt,
                     Billing billing)
        implements Serializable {

    public Answer {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        usage = usage == null ? Usage.NONE : usage;
        billing = billing == null ? Billing.NONE : billing;
    }

    /** An answer not billed yet (its tiers and cost are set by {@link #billed}). */
    public Answer(Status status, List<Candidate> candidates, PromptFeedback promptFeedback,
                  Usage usage, String modelVersion, String responseId, ErrorInfo error,
                  int attempts, Long ttftMs, Long latencyMs, int chunks, Instant completedAt) {
        this(status, candidates, promptFeedback, usage, modelVersion, responseId, error,
                attempts, ttftMs, latencyMs, chunks, completedAt, Billing.NONE);
    }

    /** This answer billed as {@code b}. */
    public Answer billed(Billing b) {
        return new Answer(status, candidates, promptFeedback, usage, modelVersion, responseId,
                error, attempts, ttftMs, latencyMs, chunks, completedAt, b);
    }

    /** An answer for a row that was never sent: SKIPPED with {@code status} and why. */
    public static Answer skipped(ErrorStatus status, String message, Instant at) {
        return new Answer(Status.SKIPPED, List.of(), null, Usage.NONE, null, null,
                ErrorInfo.of(status, message), 0, null, null, 0, at);
    }

    /** FAILED with {@code error} when nothing of an answer was received. */
    public static Answer failed(ErrorInfo error, int attempts, Long ttftMs, Long latencyMs,
                                Instant at) {
        return new Answer(Status.FAILED, List.of(), null, Usage.NONE, null, null, error,
                attempts, ttftMs, latencyMs, 0, at);
    }

    /** This answer FAILED with {@code error}: what was received and how it went are kept. */
    public Answer failedWith(ErrorInfo error) {
        return new Answer(Status.FAILED, candidates, promptFeedback, usage, modelVersion,
                responseId, error, attempts, ttftMs, latencyMs, chunks, completedAt, billing);
    }

    /** Candidate 0 (or the lowest index present), or null when the server sent none. */
    public Candidate first() {
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
