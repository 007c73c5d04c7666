package dev.gembatch.stream;

import java.nio.ByteBuffer;

/**
 * Incremental decoder fed bytes (knows no HTTP): sniffs the first non-whitespace byte:
 * 'd' (or ':' / 'e' / 'i' / 'r' field lines) = SSE, '[' = streamed JSON array, '{' = one bare JSON
 * object (error body, or a proxy answering unary), anything else = malformed. A body that is
 * empty or only whitespace reports nothing (the assembler then sees a stream without a finish
 * reason). Not thread-safe: one decoder per response body, fed from one thread at a time.
 */
public final class StreamDecoder {

    private final Delivery delivery;
    private BodyDecoder body;

    public StreamDecoder(ChunkSink sink) {
        this.delivery = new Delivery(sink);
    }

    public void feed(byte[] bytes, int offset, int length) {
        if (length == 0 || delivery.stopped()) {
            return;
        }
        int start = offset;
        int end = offset + length;
        if (body == null) {
            while (start < end && isWhitespace(bytes[start])) {
                start++;
            }
            if (start == end) {
                return;
            }
            body = sniff(bytes[start]);
        }
        if (!delivery.stopped()) {
            body.feed(bytes, start, end - start);
        }
    }

    /** Consumes {@code buffer.remaining()} bytes. */
    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            feed(copy, 0, copy.length);
        }
    }

    /** End of body: delivers a final event that had no blank line, reports a cut JSON body. */
    public void finish() {
        if (body != null && !delivery.stopped()) {
            body.finish();
        }
    }

    private BodyDecoder sniff(byte first) {
        switch (first) {
            case 'd': case ':': case 'e': case 'i': case 'r':
                return new SseDecoder(delivery);
            case '[': case '{':
                return new JsonBodyDecoder(delivery);
            default:
                delivery.malformed(String.format(
                        "body is neither an event stream nor JSON: first byte 0x%02X", first & 0xFF));
                return null;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
