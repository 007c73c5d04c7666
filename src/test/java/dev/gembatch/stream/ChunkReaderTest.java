package dev.gembatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Citation;
import dev.gembatch.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {

    private static Chunk only(String json) {
        RecordingSink sink = Feeds.decode("data: " + json + "\n\n", 0);
        assertEquals(1, sink.chunks().size(), sink.events::toString);
        return sink.chunks().get(0);
    }

    @Test
    void unknownFinishReasonAndUnknownFieldsAreKept() {
        Chunk chunk = only("{\"candidates\": [{\"finishReason\": \"FAKE_ENUM\",\"brandNew\": {\"x\": [1]}}],"
                + "\"turnToken\": \"v1:abc\"}");
        assertEquals("FAKE_ENUM", chunk.candidates().get(0).finishReason());
    }

    @Test
    void oddContentShapesReadAsEmptyText() {
        for (String candidate : List.of("{\"content\": {}}", "{\"content\": {\"role\": \"model\"}}",
                "{\"index\": 0}", "{\"content\": {\"parts\": [{\"inlineData\": {\"data\": \"AA==\"}}]}}")) {
            ChunkCandidate read = only("{\"candidates\": [" + candidate + "]}").candidates().get(0);
            assertEquals("", read.text(), candidate);
            assertEquals("", read.thoughts(), candidate);
            assertNull(read.safetyRatings(), candidate);
            assertNull(read.citations(), candidate);
        }
    }

    @Test
    void chunkWithoutCandidatesHasNone() {
        Chunk chunk = only("{\"promptFeedback\": {\"blockReason\": \"OTHER\"}}");
        assertEquals(List.of(), chunk.candidates());
        assertEquals("OTHER", chunk.promptFeedback().blockReason());
        assertNull(chunk.usage());
    }

    @Test
    void thoughtPartsAreKeptApartFromText() {
        ChunkCandidate c = only("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"think\",\"thought\": true},"
                + "{\"text\": \"an\"},{\"text\": \"swer\",\"thoughtSignature\": \"c2ln\"}]}}]}").candidates().get(0);
        assertEquals("think", c.thoughts());
        assertEquals("answer", c.text());
    }

    @Test
    void vertexCitationsAreReadLikeCitationSources() {
        Citation expected = new Citation(1, 9, "https://x.test/", "A title", "MIT");
        String vertex = "{\"candidates\": [{\"citationMetadata\": {\"citations\": [{\"startIndex\": 1,"
                + "\"endIndex\": 9,\"uri\": \"https://x.test/\",\"title\": \"A title\",\"license\": \"MIT\"}]}}]}";
        assertEquals(List.of(expected), only(vertex).candidates().get(0).citations());
        String gemini = vertex.replace("\"citations\"", "\"citationSources\"");
        assertEquals(List.of(expected), only(gemini).candidates().get(0).citations());
    }

    @Test
    void emptySafetyRatingsDifferFromAbsentOnes() {
        assertEquals(List.of(), only("{\"candidates\": [{\"safetyRatings\": []}]}").candidates().get(0).safetyRatings());
    }

    @Test
    void usageReadsEveryCountAndEmptyUsageIsAllUnknown() {
        Chunk chunk = only("{\"usageMetadata\": {\"promptTokenCount\": 21,\"candidatesTokenCount\": 126,"
                + "\"cachedContentTokenCount\": 4,\"toolUsePromptTokenCount\": 243,\"thoughtsTokenCount\": 95,"
                + "\"totalTokenCount\": 485,\"serviceTier\": \"standard\"}}");
        assertEquals(new Usage(21, 126, 95, 4, 243, 485, "standard"), chunk.usage());
        assertEquals(Usage.NONE, only("{\"usageMetadata\": {}}").usage());
    }

    @Test
    void nonObjectEventIsMalformed() {
        RecordingSink sink = Feeds.decode("data: [1, 2]\n\n", 0);
        assertTrue(sink.chunks().isEmpty());
        assertEquals(1, sink.malformed().size());
    }
}
