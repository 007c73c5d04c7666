package dev.gembatch.stream;

import static dev.gembatch.stream.Values.isArray;
import static dev.gembatch.stream.Values.isObject;
import static dev.gembatch.stream.Values.nextElement;
import static dev.gembatch.stream.Values.nextField;

import com.fasterxml.jackson.core.JsonParser;
import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import java.io.IOException;
import java.util.List;

/**
 * Reads one candidate object from a streaming parser into a {@link ChunkCandidate}, field by
 * field in any order. As in a tree, a repeated key counts only for its last value (so only the
 * last {@code content}'s last {@code parts} array gives text), and unknown fields are skipped.
 */
final class CandidateReader {

    private final JoinedText text = new JoinedText();
    private final JoinedText thoughts = new JoinedText();
    private Integer index;
    private String finishReason;
    private String finishMessage;
    private List<SafetyRating> ratings;
    private List<Citation> citations;

    private CandidateReader() {
    }

    /** Reads the candidate object the parser is on (its START_OBJECT) up to its END_OBJECT. */
    static ChunkCandidate read(JsonParser p) throws IOException {
        CandidateReader c = new CandidateReader();
        while (nextField(p)) {
            c.field(p);
        }
        return new ChunkCandidate(c.index == null ? 0 : c.index, c.text.value(), c.thoughts.value(),
                c.finishReason, c.finishMessage, c.ratings, c.citations);
    }

    private void field(JsonParser p) throws IOException {
        switch (p.currentName()) {
            case "content" -> content(p);
            case "index" -> index = Values.integer(p);
            case "finishReason" -> finishReason = Values.text(p);
            case "finishMessage" -> finishMessage = Values.text(p);
            case "safetyRatings" -> ratings = MetadataReader.ratings(p);
            case "citationMetadata" -> citations = MetadataReader.citations(p);
            default -> p.skipChildren();
        }
    }

    private void content(JsonParser p) throws IOException {
        text.clear();
        thoughts.clear();
        boolean object = isObject(p);
        while (object && nextField(p)) {
            if (p.currentName().equals("parts")) {
                parts(p);
            } else {
                p.skipChildren();
            }
        }
    }

    private void parts(JsonParser p) throws IOException {
        text.clear();
        thoughts.clear();
        boolean array = isArray(p);
        while (array && nextElement(p)) {
            part(p);
        }
    }

    /** A part's text goes to the thoughts when the part says thought:true; other parts give none. */
    private void part(JsonParser p) throws IOException {
        String partText = null;
        Boolean thought = null;
        boolean object = isObject(p);
        while (object && nextField(p)) {
            switch (p.currentName()) {
                case "text" -> partText = Values.text(p);
                case "thought" -> thought = Values.bool(p);
                default -> p.skipChildren();
            }
        }
        if (partText != null) {
            (Boolean.TRUE.equals(thought) ? thoughts : text).add(partText);
        }
    }
}
