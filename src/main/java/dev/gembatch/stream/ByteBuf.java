package dev.gembatch.stream;

import java.util.Arrays;

/** A growable byte buffer with no size cap (one SSE line or event can be many megabytes). */
final class ByteBuf {

    private byte[] bytes = new byte[256];
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
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
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
