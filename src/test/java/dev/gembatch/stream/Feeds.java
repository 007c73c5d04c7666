package dev.gembatch.stream;

import java.nio.charset.StandardCharsets;

/** Feeds a body to a fresh decoder in pieces of a given size (0 = whole). */
final class Feeds {

    private Feeds() {
    }

    static RecordingSink decode(String body, int pieceSize) {
        return decode(body.getBytes(StandardCharsets.UTF_8), pieceSize);
    }

    static RecordingSink decode(byte[] body, int pieceSize) {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        int step = pieceSize <= 0 ? Math.max(body.length, 1) : pieceSize;
        for (int i = 0; i < body.length; i += step) {
            decoder.feed(body, i, Math.min(step, body.length - i));
        }
        decoder.finish();
        return sink;
    }

    /** Feeds the body as two pieces split at {@code split}. */
    static RecordingSink decodeSplit(byte[] body, int split) {
        RecordingSink sink = new RecordingSink();
        StreamDecoder decoder = new StreamDecoder(sink);
        decoder.feed(body, 0, split);
        decoder.feed(body, split, body.length - split);
        decoder.finish();
        return sink;
    }
}
