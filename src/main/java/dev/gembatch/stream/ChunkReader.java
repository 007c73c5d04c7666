package dev.gembatch.stream;

import static dev.gembatch.stream.Values.isArray;
import static dev.gembatch.stream.Values.isObject;
import static dev.gembatch.stream.Values.nextElement;
import static dev.gembatch.stream.Values.nextField;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one top-level object from a streaming parser, with no tree: a GenerateContentResponse
 * becomes a {@link Chunk}; an object with an {@code error} key (wherever the key stands) becomes
 * an {@link ApiError} (only that rare value is read as a tree). Absent, empty and unknown fields
 * never fail: {@code content: {}}, content with a role only, no content, no candidates all read.
 */
final class ChunkReader {

    private List<ChunkCandidate> candidates = List.of();
    private PromptFeedback promptFeedback;
    private Usage usage;
    private String modelVersion;
    private String responseId;
    private JsonNode error;

    private ChunkReader() {
    }

    /** Reads the object the parser is on (its START_OBJECT) to its end and hands it to the sink. */
    static void read(JsonParser p, ChunkSink sink) throws IOException {
        ChunkReader response = new ChunkReader();
        while (nextField(p)) {
            response.field(p);
        }
        if (response.error != null) {
            sink.onError(ApiErrorReader.read(response.error));
        } else {
            sink.onChunk(new Chunk(response.candidates, response.promptFeedback, response.usage,
                    response.modelVersion, response.responseId));
        }
    }

    private void field(JsonParser p) throws IOException {
        switch (p.currentName()) {
            case "candidates" -> candidates = candidates(p);
            case "promptFeedback" -> promptFeedback = promptFeedback(p);
            case "usageMetadata" -> usage = MetadataReader.usage(p);
            case "modelVersion" -> modelVersion = Values.text(p);
            case "responseId" -> responseId = Values.text(p);
            case "error" -> error = Json.MAPPER.readTree(p);
            default -> p.skipChildren();
        }
    }

    /** The object elements of an array (other elements are skipped); empty for a non-array. */
    private static List<ChunkCandidate> candidates(JsonParser p) throws IOException {
        if (!isArray(p)) {
            return List.of();
        }
        List<ChunkCandidate> candidates = new ArrayList<>(1);
        while (nextElement(p)) {
            if (isObject(p)) {
                candidates.add(CandidateReader.read(p));
            }
        }
        return candidates;
    }

    private static PromptFeedback promptFeedback(JsonParser p) throws IOException {
        if (!isObject(p)) {
            return null;
        }
        String blockReason = null;
        String message = null;
        List<SafetyRating> ratings = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "blockReason" -> blockReason = Values.text(p);
                case "blockReasonMessage" -> message = Values.text(p);
                case "safetyRatings" -> ratings = MetadataReader.ratings(p);
                default -> p.skipChildren();
            }
        }
        return new PromptFeedback(blockReason, message, ratings);
    }
}
