package dev.gembatch.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Turns text frames into body bytes: plain UTF-8, or one gzip member written incrementally with a
 * SYNC_FLUSH after each frame so every event can be decoded as soon as it arrives.
 */
final class BodyEncoder {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;

    BodyEncoder(boolean compress) {
        try {
            this.gzip = compress ? new GZIPOutputStream(buffer, 512, true) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes for one frame (for gzip: including the header before the first frame). */
    byte[] frame(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        if (gzip == null) {
            return raw;
        }
        try {
            gzip.write(raw);
            gzip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    /** The bytes that close the body (the gzip trailer), empty for plain bodies. */
    byte[] finish() {
        if (gzip == null) {
            return new byte[0];
        }
        try {
            gzip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    /** A whole body in one go. */
    static byte[] whole(String text, boolean compress) {
        BodyEncoder encoder = new BodyEncoder(compress);
        byte[] head = encoder.frame(text);
        byte[] tail = encoder.finish();
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private byte[] drain() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }
}
