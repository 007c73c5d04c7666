package dev.gembatch.stream;

import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.Usage;
import java.util.List;

/** One GenerateContentResponse chunk, typed. promptFeedback/usage null when absent. */
public record Chunk(List<ChunkCandidate> candidates, PromptFeedback promptFeedback, Usage usage,
                    String modelVersion, String responseId) {

    public Chunk {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
