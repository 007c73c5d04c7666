package dev.gembatch.stream;

import java.util.Arrays;

/**
 * A growable byte buffer with no size cap (one SSE line or event can be many megabytes); it
 * allocates nothing until the first append (most SSE lines and events are read in place).
 */
final class ByteBuf {

    private static final byte[] NONE = {};

    private byte[] bytes = NONE;
    private int size;

    void append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(Math.max(bytes.length * 2, 256), size + more));
        }
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }
}
