package dev.gembatch.model;

import java.io.Serializable;
import java.util.List;

/**
 * One reassembled candidate: answer text and thought text (each the concatenation of its parts
 * in arrival order, empty when none came), and the last finish reason, finish message, safety
 * ratings and citations the stream carried for this index (null / empty when none).
 */
public record Candidate(int index, String text, String thoughts, String finishReason,
                        String finishMessage, List<SafetyRating> safetyRatings,
                        List<Citation> citations) implements Serializable {

    public Candidate {
        text = text == null ? "" : text;
        thoughts = thoughts == null ? "" : thoughts;
        safetyRatings = safetyRatings == null ? List.of() : List.copyOf(safetyRatings);
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
