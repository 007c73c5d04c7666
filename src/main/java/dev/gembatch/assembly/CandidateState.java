package dev.gembatch.assembly;

import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.stream.ChunkCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the chunks have said so far about one candidate index (mutable, assembler-private). Text
 * and thoughts are kept as the chunks' strings and joined once, at their exact size, when the
 * candidate is built (no builder growing and copying chunk after chunk).
 */
final class CandidateState {

    private final int index;
    private final List<String> text = new ArrayList<>();
    private final List<String> thoughts = new ArrayList<>();
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
        addPiece(text, chunk.text());
        addPiece(thoughts, chunk.thoughts());
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
        return new Candidate(index, joined(text), joined(thoughts), finishReason,
                finishMessage, safetyRatings, citations);
    }

    private static void addPiece(List<String> pieces, String piece) {
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
    }

    private static String joined(List<String> pieces) {
        return pieces.isEmpty() ? "" : pieces.size() == 1 ? pieces.get(0) : String.join("", pieces);
    }
}
