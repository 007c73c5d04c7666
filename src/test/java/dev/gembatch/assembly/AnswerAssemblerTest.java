package dev.gembatch.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import dev.gembatch.stream.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerAssemblerTest {

    private static Assembled assemble(String... events) {
        AnswerAssembler assembler = new AnswerAssembler();
        StreamDecoder decoder = new StreamDecoder(assembler);
        for (String event : events) {
            byte[] bytes = ("data: " + event + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            decoder.feed(bytes, 0, bytes.length);
        }
        decoder.finish();
        return assembler.result();
    }

    private static String candidate(Integer index, String text, String finish) {
        return "{" + (index == null ? "" : "\"index\": " + index + ",")
                + "\"content\": {\"parts\": [{\"text\": \"" + text + "\"}]}"
                + (finish == null ? "" : ",\"finishReason\": \"" + finish + "\"") + "}";
    }

    @Test
    void severalCandidatesAreKeyedByIndexNotByPosition() {
        Assembled result = assemble(
                "{\"candidates\": [" + candidate(1, "B1", null) + "," + candidate(0, "A1", null) + "]}",
                "{\"candidates\": [" + candidate(null, "A2", "STOP") + "," + candidate(1, "B2", "MAX_TOKENS") + "]}");
        assertEquals(2, result.candidates().size());
        assertEquals("A1A2", result.candidates().get(0).text());
        assertEquals("B1B2", result.candidates().get(1).text());
        assertEquals("MAX_TOKENS", result.candidates().get(1).finishReason());
        assertEquals(Assembled.Outcome.COMPLETE, result.outcome());
        assertEquals(Status.OK, result.status());
    }

    @Test
    void usageIsTheLastSeenNeverSummed() {
        Assembled result = assemble(
                "{\"candidates\": [" + candidate(0, "a", null) + "],\"usageMetadata\": {\"promptTokenCount\": 15,\"totalTokenCount\": 20}}",
                "{\"candidates\": [" + candidate(0, "b", "STOP") + "],\"usageMetadata\": {\"promptTokenCount\": 13,\"candidatesTokenCount\": 4,\"totalTokenCount\": 17}}");
        assertEquals(new Usage(13, 4, null, null, null, 17), result.usage());
    }

    @Test
    void streamWithoutFinishReasonIsIncomplete() {
        Assembled result = assemble("{\"candidates\": [" + candidate(0, "cut", null) + "]}");
        assertEquals(Assembled.Outcome.INCOMPLETE, result.outcome());
        assertEquals(Status.FAILED, result.status());
    }

    @Test
    void finishReasonBeforeTheEndDoesNotStopAssembly() {
        Assembled result = assemble("{\"candidates\": [" + candidate(0, "one ", "STOP") + "]}",
                "{\"candidates\": [" + candidate(0, "two", "STOP") + "]}");
        assertEquals("one two", result.candidates().get(0).text());
        assertEquals(2, result.chunks());
    }

    @Test
    void errorAfterTextKeepsTheTextAndIsTheOutcome() {
        Assembled result = assemble("{\"candidates\": [" + candidate(0, "partial", null) + "]}",
                "{\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\"}}",
                "{\"error\": {\"code\": 500, \"status\": \"INTERNAL\"}}");
        assertEquals("partial", result.candidates().get(0).text());
        assertEquals(503, result.error().code());
        assertEquals(Assembled.Outcome.ERROR, result.outcome());
        assertEquals(Status.FAILED, result.status());
        assertEquals(1, result.chunks());
    }

    @Test
    void promptBlockedWithoutCandidatesIsBlocked() {
        Assembled result = assemble("{\"promptFeedback\": {\"blockReason\": \"SAFETY\"}}");
        assertEquals(Assembled.Outcome.PROMPT_BLOCKED, result.outcome());
        assertEquals(Status.BLOCKED, result.status());
        assertEquals(List.of(), result.candidates());
        assertNull(result.usage());
    }
}
