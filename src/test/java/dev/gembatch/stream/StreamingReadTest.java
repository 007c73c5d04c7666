package dev.gembatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Citation;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the streaming reader (no tree) must get right, each in both wire formats and fed one
 * byte at a time as well as whole: fields in any order, unknown and nested unknown values
 * skipped, repeated keys (the last one counts, as in a tree), values of unexpected types.
 */
class StreamingReadTest {

    /** The one chunk of this object, the same whether it came as an SSE event or an array element. */
    private static Chunk only(String json) {
        Chunk sse = single(Feeds.decode("data: " + json + "\r\n\r\n", 0));
        assertEquals(sse, single(Feeds.decode("data: " + json + "\r\n\r\n", 1)), "SSE fed byte by byte");
        assertEquals(sse, single(Feeds.decode("[" + json + "\n,\r\n{}]", 0)), "JSON array");
        assertEquals(sse, single(Feeds.decode("[" + json + "\n,\r\n{}]", 1)), "JSON array fed byte by byte");
        return sse;
    }

    private static Chunk single(RecordingSink sink) {
        assertTrue(sink.malformed().isEmpty(), sink.malformed()::toString);
        return sink.chunks().get(0);
    }

    @Test
    void nestedUnknownObjectsAndArraysAreSkippedEvenWhenTheyHoldKnownNames() {
        Chunk chunk = only("{\"x\": {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"no\"}]}}]},"
                + "\"candidates\": [{\"y\": [[{\"text\": \"no\"}], {}], \"content\": {\"z\": {\"parts\": [{\"text\": \"no\"}]},"
                + "\"parts\": [{\"w\": {\"text\": \"no\"}, \"text\": \"yes\", \"v\": [1, \"two\", null]}]}}],"
                + "\"usageMetadata\": {\"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": 9}],"
                + "\"promptTokenCount\": 1}, \"zz\": [[[]]]}");
        assertEquals("yes", chunk.candidates().get(0).text());
        assertEquals(1, chunk.candidates().size());
        assertEquals(new Usage(1, null, null, null, null, null), chunk.usage());
    }

    @Test
    void fieldsAreReadInAnyOrder() {
        Chunk chunk = only("{\"responseId\": \"r\", \"usageMetadata\": {\"totalTokenCount\": 9, \"promptTokenCount\": 4},"
                + "\"candidates\": [{\"finishReason\": \"STOP\", \"index\": 2, \"content\": {\"parts\": ["
                + "{\"thought\": true, \"text\": \"hm\"}, {\"text\": \"a\", \"thought\": false}]}}], \"modelVersion\": \"m\"}");
        ChunkCandidate candidate = chunk.candidates().get(0);
        assertEquals(2, candidate.index());
        assertEquals("STOP", candidate.finishReason());
        assertEquals("hm", candidate.thoughts());
        assertEquals("a", candidate.text());
        assertEquals(new Usage(4, null, null, null, null, 9), chunk.usage());
        assertEquals("m", chunk.modelVersion());
        assertEquals("r", chunk.responseId());
    }

    @Test
    void errorKeyAfterTheCandidatesStillMakesTheObjectAnError() {
        String body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]}}],"
                + "\"error\": {\"code\": 500, \"status\": \"INTERNAL\"}}\n\n";
        RecordingSink sink = Feeds.decode(body, 1);
        assertEquals(List.of(), sink.chunks());
        assertEquals(500, sink.errors().get(0).code());
    }

    @Test
    void numbersAsStringsAreReadAsIntegersUpToNineDigits() {
        Chunk chunk = only("{\"candidates\": [{\"index\": \"1\"}], \"usageMetadata\": {\"promptTokenCount\": \"-21\","
                + "\"candidatesTokenCount\": \"1234567890\", \"totalTokenCount\": \" 5\", \"thoughtsTokenCount\": \"7.0\"}}");
        assertEquals(1, chunk.candidates().get(0).index());
        assertEquals(new Usage(-21, null, null, null, null, null), chunk.usage());
    }

    @Test
    void valuesOfUnexpectedTypesReadAsAbsentOrAsTheirText() {
        Chunk chunk = only("{\"candidates\": [{\"index\": 1.9, \"finishReason\": 7, \"finishMessage\": {\"a\": 1},"
                + "\"safetyRatings\": [{\"category\": true, \"probabilityScore\": \"0.5\", \"severityScore\": 1,"
                + "\"blocked\": \"true\"}]}], \"modelVersion\": [\"m\"], \"responseId\": null}");
        ChunkCandidate candidate = chunk.candidates().get(0);
        assertEquals(1, candidate.index());
        assertEquals("7", candidate.finishReason());
        assertNull(candidate.finishMessage());
        assertEquals(List.of(new SafetyRating("true", null, null, null, 1.0, null)), candidate.safetyRatings());
        assertNull(chunk.modelVersion());
        assertNull(chunk.responseId());
    }

    @Test
    void escapedUnicodeAndEscapesAreDecoded() {
        Chunk chunk = only("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                + "\"\\u00e9\\u20ac\\ud83d\\ude00 \\\"q\\\" \\\\ \\u003cb\\u003e\\n\\t\\/\"}]}}]}");
        assertEquals("é€😀 \"q\" \\ <b>\n\t/", chunk.candidates().get(0).text());
    }

    @Test
    void repeatedKeysCountOnlyForTheirLastValue() {
        Chunk chunk = only("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"old\"}]}}],"
                + "\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"p1\"}], \"parts\": [{\"text\": \"p2\","
                + "\"text\": \"p3\"}]}, \"finishReason\": \"STOP\", \"finishReason\": null}]}");
        assertEquals("p3", chunk.candidates().get(0).text());
        assertNull(chunk.candidates().get(0).finishReason());
    }

    @Test
    void nonObjectEntriesOfRatingsAndCitationsCountAsEmptyEntriesButNonObjectCandidatesAreSkipped() {
        Chunk chunk = only("{\"candidates\": [1, {\"index\": 3, \"safetyRatings\": [null, {\"category\": \"C\"}],"
                + "\"citationMetadata\": {\"citationSources\": [\"x\", {\"uri\": \"u\"}]}}, [], \"s\"]}");
        ChunkCandidate candidate = chunk.candidates().get(0);
        assertEquals(1, chunk.candidates().size());
        assertEquals(3, candidate.index());
        assertEquals(List.of(new SafetyRating(null, null, null, null, null, null),
                new SafetyRating("C", null, null, null, null, null)), candidate.safetyRatings());
        assertEquals(List.of(new Citation(null, null, null, null, null), new Citation(null, null, "u", null, null)),
                candidate.citations());
    }

    @Test
    void citationSourcesWinOverVertexCitationsWhateverTheirOrder() {
        Chunk chunk = only("{\"candidates\": [{\"citationMetadata\": {\"citationSources\": [{\"uri\": \"a\"}],"
                + "\"citations\": [{\"uri\": \"b\"}]}}, {\"citationMetadata\": {\"citations\": [{\"uri\": \"b\"}],"
                + "\"citationSources\": null}}]}");
        assertEquals("a", chunk.candidates().get(0).citations().get(0).uri());
        assertEquals(List.of(), chunk.candidates().get(1).citations());
    }

    @Test
    void promptFeedbackFieldsInAnyOrder() {
        Chunk chunk = only("{\"promptFeedback\": {\"safetyRatings\": [{\"probability\": \"HIGH\", \"blocked\": true,"
                + "\"category\": \"C\"}], \"blockReasonMessage\": \"m\", \"blockReason\": \"SAFETY\"}}");
        assertEquals("SAFETY", chunk.promptFeedback().blockReason());
        assertEquals("m", chunk.promptFeedback().blockMessage());
        assertEquals(List.of(new SafetyRating("C", "HIGH", null, null, null, true)),
                chunk.promptFeedback().safetyRatings());
    }
}
