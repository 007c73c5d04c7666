package dev.gembatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseFramingTest {

    private static String event(String text) {
        return "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}]}}]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void eventsSeparatedByAnyLineEndingAreDelivered(String eol) {
        String body = "data: " + event("a") + eol + eol + "data: " + event("b") + eol + eol;
        for (int piece : new int[] {0, 1, 2, 3}) {
            RecordingSink sink = Feeds.decode(body, piece);
            assertEquals(2, sink.chunks().size(), "piece " + piece);
            assertEquals("ab", sink.text());
            assertTrue(sink.malformed().isEmpty());
        }
    }

    @Test
    void crAtEndOfOneFeedAndLfAtStartOfNextAreOneLineEnd() {
        byte[] body = ("data: " + event("x") + "\r\n\r\ndata: " + event("y") + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < body.length; split++) {
            RecordingSink sink = Feeds.decodeSplit(body, split);
            assertEquals(List.of("x", "y"), sink.chunks().stream()
                    .map(c -> c.candidates().get(0).text()).toList(), "split " + split);
        }
    }

    @Test
    void emptyFeedBetweenCrAndLfDoesNotMakeABlankLine() {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        for (String piece : new String[] {"data: {\"candidates\": [{\"content\":\r", "",
            "\ndata: {\"parts\": [{\"text\": \"one\"}]}}]}\r", "", "\n\r\n"}) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            decoder.feed(bytes, 0, bytes.length);
        }
        decoder.finish();
        assertEquals(List.of(), sink.malformed());
        assertEquals("one", sink.text());
    }

    /** A data line read in place must be copied before feed returns: the caller reuses its buffer. */
    @Test
    void eventDataSurvivesTheCallerReusingItsBufferBeforeTheBlankLine() {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        byte[] buffer = new byte[256];
        for (String piece : new String[] {"data: " + event("kept") + "\n", "data: {}\n", "\n"}) {
            Arrays.fill(buffer, (byte) 'x');
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, buffer, 3, bytes.length);
            decoder.feed(buffer, 3, bytes.length);
        }
        Arrays.fill(buffer, (byte) 'x');
        decoder.finish();
        assertEquals(List.of(), sink.malformed());
        assertEquals("kept", sink.text());
    }

    @Test
    void eventWithOneDataLineInPlaceAndTheNextInTheNextFeedIsJoined() {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        for (String piece : new String[] {"data: {\"candidates\": [{\"content\":\ndata: {\"par", "ts\": [{\"text\": \"j\"}]}}]}\n\n"}) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            decoder.feed(bytes, 0, bytes.length);
            Arrays.fill(bytes, (byte) 'x');
        }
        decoder.finish();
        assertEquals(List.of(), sink.malformed());
        assertEquals("j", sink.text());
    }

    @Test
    void commentLinesAndOtherFieldsAreIgnored() {
        String body = ": keep-alive\nevent: message\nid: 7\nretry: 1000\ndata: " + event("hi")
                + "\n\n: another comment\n\n";
        RecordingSink sink = Feeds.decode(body, 0);
        assertEquals(1, sink.chunks().size());
        assertEquals("hi", sink.text());
    }

    @Test
    void multiLineDataFieldsAreJoinedWithNewline() {
        String body = "data: {\"candidates\": [{\"content\":\ndata: {\"parts\": [{\"text\": \"joined\"}]}}]}\n\n";
        RecordingSink sink = Feeds.decode(body, 1);
        assertEquals("joined", sink.text());
    }

    @Test
    void onlyOneSpaceAfterTheColonIsStripped() {
        String body = "data:" + event("none") + "\n\ndata:  " + event("two") + "\n\n";
        RecordingSink sink = Feeds.decode(body, 0);
        assertEquals("nonetwo", sink.text());
    }

    @Test
    void finalEventWithoutTrailingBlankLineIsDeliveredAtFinish() {
        RecordingSink sink = Feeds.decode("data: " + event("a") + "\r\n\r\ndata: " + event("last"), 3);
        assertEquals("alast", sink.text());
        assertTrue(sink.malformed().isEmpty());
    }

    /** Above 16 MiB and above Jackson's default 20M-character string limit. */
    @Test
    void eventOfMoreThanSixteenMebibytesIsDelivered() {
        int size = 21 * 1024 * 1024;
        StringBuilder big = new StringBuilder(size + 100);
        big.append("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"");
        big.append("x".repeat(size));
        big.append("\"}]},\"finishReason\": \"STOP\"}]}\r\n\r\n");
        RecordingSink sink = Feeds.decode(big.toString(), 65536);
        assertEquals(1, sink.chunks().size(), () -> sink.malformed().toString());
        assertEquals(size, sink.chunks().get(0).candidates().get(0).text().length());
    }

    @Test
    void multiByteCharacterSplitAtEveryByteDecodes() {
        String text = "é€😀 ok";
        byte[] body = ("data: " + event(text) + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < body.length; split++) {
            assertEquals(text, Feeds.decodeSplit(body, split).text(), "split " + split);
        }
        assertEquals(text, Feeds.decode(body, 1).text());
    }

    @Test
    void bareErrorObjectAfterEventsIsAnErrorAndDecodingContinues() {
        String body = "data: " + event("partial") + "\n\n{\n  \"error\": {\n    \"code\": 429,\n"
                + "    \"message\": \"brace } in \\\"string\\\" {\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n"
                + "data: " + event(" more") + "\n\n";
        for (int piece : new int[] {0, 1, 7}) {
            RecordingSink sink = Feeds.decode(body, piece);
            assertEquals(3, sink.events.size(), sink.events::toString);
            ApiError error = (ApiError) sink.events.get(1);
            assertEquals(429, error.code());
            assertEquals("brace } in \"string\" {", error.message());
            assertEquals("partial more", sink.text());
        }
    }

    @Test
    void errorEventIsAnError() {
        String body = "data: " + event("a") + "\n\ndata: {\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\"}}\n\n";
        RecordingSink sink = Feeds.decode(body, 0);
        assertEquals(503, sink.errors().get(0).code());
        assertEquals("UNAVAILABLE", sink.errors().get(0).status());
    }

    @Test
    void invalidJsonInAnEventIsMalformedAndLaterInputIgnored() {
        String body = "data: " + event("a") + "\n\ndata: {\"candidates\": [\n\ndata: " + event("b") + "\n\n";
        RecordingSink sink = Feeds.decode(body, 0);
        assertEquals("a", sink.text());
        assertEquals(1, sink.malformed().size());
        assertTrue(sink.malformed().get(0).contains("SSE event 2"), sink.malformed()::toString);
    }

    @Test
    void bodyCutInsideABareObjectIsMalformed() {
        RecordingSink sink = Feeds.decode("data: " + event("a") + "\n\n{\n  \"error\": {\n", 0);
        assertEquals(1, sink.malformed().size());
        assertTrue(sink.errors().isEmpty());
    }
}
