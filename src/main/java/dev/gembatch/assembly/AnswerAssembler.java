package dev.gembatch.assembly;

import dev.gembatch.model.Candidate;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.Usage;
import dev.gembatch.stream.ApiError;
import dev.gembatch.stream.Chunk;
import dev.gembatch.stream.ChunkCandidate;
import dev.gembatch.stream.ChunkSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds one stream's chunks into one answer (docs/PROTOCOL.md sections 4 and 9): candidates keyed
 * by index (never by position); text and thoughts concatenated in arrival order; a finishReason is
 * not the end of the stream; usage, promptFeedback, modelVersion and responseId are the last
 * ones seen (usage is never summed); the first in-band error is kept along with all text that
 * arrived. One assembler per attempt, fed from one thread.
 */
public final class AnswerAssembler implements ChunkSink {

    private final Map<Integer, CandidateState> candidates = new TreeMap<>();
    private PromptFeedback promptFeedback;
    private Usage usage;
    private String modelVersion;
    private String responseId;
    private int chunks;
    private ApiError error;
    private String malformed;

    @Override
    public void onChunk(Chunk chunk) {
        chunks++;
        for (ChunkCandidate candidate : chunk.candidates()) {
            candidates.computeIfAbsent(candidate.index(), CandidateState::new).merge(candidate);
        }
        promptFeedback = chunk.promptFeedback() != null ? chunk.promptFeedback() : promptFeedback;
        usage = chunk.usage() != null ? chunk.usage() : usage;
        modelVersion = chunk.modelVersion() != null ? chunk.modelVersion() : modelVersion;
        responseId = chunk.responseId() != null ? chunk.responseId() : responseId;
    }

    @Override
    public void onError(ApiError apiError) {
        if (error == null) {
            error = apiError;
        }
    }

    @Override
    public void onMalformed(String detail) {
        malformed = detail;
    }

    /** The answer so far; call after the decoder's finish(). */
    public Assembled result() {
        List<Candidate> sorted = new ArrayList<>();
        candidates.values().forEach(state -> sorted.add(state.toCandidate()));
        return new Assembled(sorted, promptFeedback, usage, modelVersion, responseId, chunks,
                error, malformed);
    }
}
