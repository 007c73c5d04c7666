package dev.gembatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static final String ELEMENT_A = "{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"A\"}]}}]\n}";
    private static final String ELEMENT_B = "{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"B\"}]}}]\n}";

    @Test
    void arrayElementIsDeliveredAsSoonAsItIsComplete() {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        byte[] first = ("[" + ELEMENT_A).getBytes(StandardCharsets.UTF_8);
        decoder.feed(first, 0, first.length);
        assertEquals("A", sink.text());
        byte[] rest = ("\n,\r\n" + ELEMENT_B + "\n]").getBytes(StandardCharsets.UTF_8);
        decoder.feed(ByteBuffer.wrap(rest));
        decoder.finish();
        assertEquals("AB", sink.text());
        assertTrue(sink.malformed().isEmpty());
    }

    @Test
    void arrayErrorElementIsAnError() {
        String body = "[" + ELEMENT_A + "\n,\r\n{\n  \"error\": {\n    \"code\": 500,\n    \"status\": \"INTERNAL\"\n  }\n}\n]";
        RecordingSink sink = Feeds.decode(body, 1);
        assertEquals("A", sink.text());
        assertEquals(500, sink.errors().get(0).code());
        assertTrue(sink.malformed().isEmpty());
    }

    @Test
    void bareObjectThatIsNotAnErrorIsOneChunk() {
        RecordingSink sink = Feeds.decode("  \n" + ELEMENT_A + "\n", 2);
        assertEquals(1, sink.chunks().size());
        assertEquals("A", sink.text());
    }

    @Test
    void htmlBodyIsMalformedOnce() {
        RecordingSink sink = Feeds.decode("<html><body>502 Bad Gateway</body></html>", 5);
        assertEquals(1, sink.events.size());
        assertTrue(sink.malformed().get(0).contains("0x3C"), sink.malformed()::toString);
    }

    @Test
    void bodyCutInsideAnElementIsMalformed() {
        RecordingSink sink = Feeds.decode("[" + ELEMENT_A + "\n,\r\n{\n  \"candidates\": [", 3);
        assertEquals("A", sink.text());
        assertEquals(1, sink.malformed().size());
    }

    @Test
    void bodyCutBetweenElementsIsNotMalformed() {
        RecordingSink sink = Feeds.decode("[" + ELEMENT_A + "\n,\r\n", 0);
        assertEquals("A", sink.text());
        assertTrue(sink.malformed().isEmpty());
    }

    @Test
    void brokenJsonInTheArrayIsMalformed() {
        RecordingSink sink = Feeds.decode("[" + ELEMENT_A + "\n,\r\n{\"candidates\": oops}]", 0);
        assertEquals("A", sink.text());
        assertEquals(1, sink.malformed().size());
    }

    @Test
    void contentAfterTheBareObjectIsMalformed() {
        RecordingSink sink = Feeds.decode(ELEMENT_A + "\n<html>", 0);
        assertEquals(1, sink.chunks().size());
        assertEquals(1, sink.malformed().size());
    }

    @Test
    void arrayElementOfMoreThanTwentyMillionCharactersIsDelivered() {
        int size = 21 * 1024 * 1024;
        String body = "[{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \""
                + "y".repeat(size) + "\"}]}}]\n}\n]";
        RecordingSink sink = Feeds.decode(body, 65536);
        assertEquals(1, sink.chunks().size(), sink.malformed()::toString);
        assertEquals(size, sink.chunks().get(0).candidates().get(0).text().length());
    }

    @Test
    void multiByteCharacterInAnArraySplitAtEveryByteDecodes() {
        String text = "°C è € 😀";
        byte[] body = ("[{\n  \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text
                + "\"}]}}]\n}\n]").getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < body.length; split++) {
            assertEquals(text, Feeds.decodeSplit(body, split).text(), "split " + split);
        }
    }

    @Test
    void emptyBodyReportsNothing() {
        assertTrue(Feeds.decode(" \r\n", 1).events.isEmpty());
    }
}
