package dev.gembatch.stream;

import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import java.util.List;

/**
 * One candidate within one chunk: text = concatenation of this chunk's non-thought text parts
 * ("" if none), thoughts = same for thought:true parts; finishReason/finishMessage null if absent;
 * safetyRatings/citations null when the chunk did not carry them (so "absent" differs from "empty").
 */
public record ChunkCandidate(int index, String text, String thoughts, String finishReason,
                             String finishMessage, List<SafetyRating> safetyRatings,
                             List<Citation> citations) {

    public ChunkCandidate {
        text = text == null ? "" : text;
        thoughts = thoughts == null ? "" : thoughts;
        safetyRatings = safetyRatings == null ? null : List.copyOf(safetyRatings);
        citations = citations == null ? null : List.copyOf(citations);
    }
}
