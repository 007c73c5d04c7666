package dev.gembatch.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Status;
import dev.gembatch.stream.ApiError;
import dev.gembatch.stream.Chunk;
import dev.gembatch.stream.ChunkCandidate;
import dev.gembatch.stream.StreamDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeRulesTest {

    private static final Citation FIRST = new Citation(0, 5, "https://a.test/", null, null);
    private static final Citation SECOND = new Citation(6, 9, "https://b.test/", null, null);
    private static final SafetyRating LOW = new SafetyRating("HARM_CATEGORY_HARASSMENT", "LOW", null, null, null, null);
    private static final SafetyRating HIGH = new SafetyRating("HARM_CATEGORY_HARASSMENT", "HIGH", null, null, null, true);

    private final AnswerAssembler assembler = new AnswerAssembler();

    private void chunk(ChunkCandidate... candidates) {
        assembler.onChunk(new Chunk(List.of(candidates), null, null, null, null));
    }

    private static ChunkCandidate text(String text) {
        return new ChunkCandidate(0, text, "", null, null, null, null);
    }

    private Candidate only() {
        Assembled result = assembler.result();
        assertEquals(1, result.candidates().size());
        return result.candidates().get(0);
    }

    @Test
    void laterNonEmptyCitationsWinAndEmptyOnesDoNotErase() {
        chunk(new ChunkCandidate(0, "a", "", null, null, null, List.of(FIRST)));
        chunk(new ChunkCandidate(0, "b", "", null, null, null, List.of(SECOND)));
        chunk(new ChunkCandidate(0, "c", "", "RECITATION", null, null, List.of()));
        assertEquals(List.of(SECOND), only().citations());
        assertEquals(Status.BLOCKED, assembler.result().status());
    }

    @Test
    void lastSafetyRatingsTheStreamCarriedWin() {
        chunk(new ChunkCandidate(0, "a", "", null, null, List.of(LOW), null));
        chunk(new ChunkCandidate(0, "", "", "SAFETY", null, List.of(HIGH), null));
        chunk(text(""));
        assertEquals(List.of(HIGH), only().safetyRatings());
        assertEquals("a", only().text());
    }

    @Test
    void laterFinishReasonBringsItsOwnFinishMessage() {
        chunk(new ChunkCandidate(0, "", "", "STOP", "Model generated function call(s).", null, null));
        chunk(text("answer"));
        chunk(new ChunkCandidate(0, "", "", "STOP", null, null, null));
        assertEquals("STOP", only().finishReason());
        assertNull(only().finishMessage());
    }

    @Test
    void finishReasonOnAnEarlierChunkStaysWhenLaterChunksCarryNone() {
        chunk(new ChunkCandidate(0, "x", "", "MAX_TOKENS", "limit", null, null));
        chunk(text("y"));
        assertEquals("MAX_TOKENS", only().finishReason());
        assertEquals("limit", only().finishMessage());
        assertEquals(Status.TRUNCATED, assembler.result().status());
    }

    @Test
    void unknownFinishReasonIsCompleteWithStatusIncomplete() {
        chunk(new ChunkCandidate(0, "x", "", "SOMETHING_NEW", null, null, null));
        assertEquals(Assembled.Outcome.COMPLETE, assembler.result().outcome());
        assertEquals(Status.INCOMPLETE, assembler.result().status());
    }

    @Test
    void everyCandidateNeedsAFinishReasonToBeComplete() {
        chunk(new ChunkCandidate(0, "a", "", "STOP", null, null, null),
                new ChunkCandidate(1, "b", "", null, null, null, null));
        assertEquals(Assembled.Outcome.INCOMPLETE, assembler.result().outcome());
    }

    @Test
    void idsAndPromptFeedbackAreTheLastNonNullSeen() {
        PromptFeedback ratingsOnly = new PromptFeedback(null, null, List.of(LOW));
        assembler.onChunk(new Chunk(List.of(text("a")), ratingsOnly, null, "m-1", "r-1"));
        assembler.onChunk(new Chunk(List.of(text("b")), null, null, null, null));
        Assembled result = assembler.result();
        assertEquals("m-1", result.modelVersion());
        assertEquals("r-1", result.responseId());
        assertEquals(ratingsOnly, result.promptFeedback());
        assertEquals(2, result.chunks());
    }

    @Test
    void errorOutranksMalformedAndOnlyTheFirstErrorIsKept() {
        chunk(text("kept"));
        assembler.onError(new ApiError(503, "UNAVAILABLE", "busy", null, null, null));
        assembler.onError(new ApiError(500, "INTERNAL", "later", null, null, null));
        assembler.onMalformed("cut");
        Assembled result = assembler.result();
        assertEquals(Assembled.Outcome.ERROR, result.outcome());
        assertEquals(503, result.error().code());
        assertEquals("cut", result.malformed());
        assertEquals("kept", result.candidates().get(0).text());
    }

    @Test
    void htmlBodyIsMalformedAndFailed() {
        StreamDecoder decoder = new StreamDecoder(assembler);
        byte[] html = "<!DOCTYPE html><html>502</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        decoder.feed(html, 0, html.length);
        decoder.finish();
        assertEquals(Assembled.Outcome.MALFORMED, assembler.result().outcome());
        assertEquals(Status.FAILED, assembler.result().status());
    }

    @Test
    void emptyBodyIsIncompleteWithNoChunks() {
        StreamDecoder decoder = new StreamDecoder(assembler);
        decoder.finish();
        assertEquals(Assembled.Outcome.INCOMPLETE, assembler.result().outcome());
        assertEquals(0, assembler.result().chunks());
    }
}
