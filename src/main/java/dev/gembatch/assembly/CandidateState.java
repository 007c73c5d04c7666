package dev.gembatch.assembly;

import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.stream.ChunkCandidate;
import java.util.List;

/** What the chunks have said so far about one candidate index (mutable, assembler-private). */
final class CandidateState {

    private final int index;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thoughts = new StringBuilder();
    private String finishReason;
    private String finishMessage;
    private List<SafetyRating> safetyRatings;
    private List<Citation> citations;

    CandidateState(int index) {
        this.index = index;
    }

    /**
     * Appends text and thoughts; the last finish reason wins and brings its own finish message
     * (a later STOP without a message clears an earlier STOP's message); the last ratings the
     * stream carried win; the last non-empty citations win.
     */
    void merge(ChunkCandidate chunk) {
        text.append(chunk.text());
        thoughts.append(chunk.thoughts());
        if (chunk.finishReason() != null) {
            finishReason = chunk.finishReason();
            finishMessage = chunk.finishMessage();
        } else if (chunk.finishMessage() != null) {
            finishMessage = chunk.finishMessage();
        }
        if (chunk.safetyRatings() != null) {
            safetyRatings = chunk.safetyRatings();
        }
        if (chunk.citations() != null && !chunk.citations().isEmpty()) {
            citations = chunk.citations();
        }
    }

    Candidate toCandidate() {
        return new Candidate(index, text.toString(), thoughts.toString(), finishReason,
                finishMessage, safetyRatings, citations);
    }
}
