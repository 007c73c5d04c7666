package dev.gembatch.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Incremental gunzip (RFC 1952): fed compressed buffers as they arrive, it writes inflated bytes
 * to its sink at once. A state machine over member header, deflate data and trailer (CRC32 and
 * size are checked); concatenated members are accepted. Call {@link #end()} to free the inflater.
 */
final class Gunzip {

    /** Receives inflated bytes; the array is reused after the call returns. */
    interface Sink {
        void write(byte[] b, int off, int len);
    }

    private enum State { HEADER, DATA, TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Sink sink;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** Inflated bytes, a chunk at a time: a stream's events are mostly under a kilobyte. */
    private final byte[] out = new byte[4 * 1024];
    private State state = State.HEADER;

    Gunzip(Sink sink) {
        this.sink = sink;
    }

    void feed(ByteBuffer in) throws ZipException {
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER, TRAILER, DONE -> collect(in);
                case DATA -> inflate(in);
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Throws when the body ended inside a member. */
    void finish() throws ZipException {
        if (state != State.DONE) {
            throw new ZipException("gzip body ended early (in " + state.name().toLowerCase() + ")");
        }
    }

    void end() {
        inflater.end();
    }

    private void collect(ByteBuffer in) throws ZipException {
        if (state == State.DONE) {
            state = State.HEADER;
            inflater.reset();
            crc.reset();
        }
        pending.write(in.get());
        byte[] b = pending.toByteArray();
        if (state == State.HEADER && headerLength(b) == b.length) {
            pending.reset();
            state = State.DATA;
        } else if (state == State.TRAILER && b.length == 8) {
            checkTrailer(b);
            pending.reset();
            state = State.DONE;
        }
    }

    private void inflate(ByteBuffer in) throws ZipException {
        inflater.setInput(in);
        try {
            int n;
            while ((n = inflater.inflate(out)) > 0) {
                crc.update(out, 0, n);
                sink.write(out, 0, n);
            }
        } catch (DataFormatException e) {
            throw new ZipException("corrupt gzip data: " + e.getMessage());
        }
        if (inflater.finished()) {
            state = State.TRAILER;
        } else if (inflater.needsDictionary()) {
            throw new ZipException("gzip data needs a preset dictionary");
        }
    }

    /** Length of the complete member header in b, or -1 while more bytes are needed. */
    private static int headerLength(byte[] b) throws ZipException {
        if (b.length < 10) {
            return -1;
        }
        if ((b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) {
            throw new ZipException("not a gzip body");
        }
        int flags = b[3] & 0xff;
        int pos = 10;
        if ((flags & FEXTRA) != 0) {
            pos = b.length < 12 ? Integer.MAX_VALUE : 12 + ((b[10] & 0xff) | (b[11] & 0xff) << 8);
        }
        pos = (flags & FNAME) != 0 ? afterZero(b, pos) : pos;
        pos = (flags & FCOMMENT) != 0 ? afterZero(b, pos) : pos;
        pos = (flags & FHCRC) != 0 && pos != Integer.MAX_VALUE ? pos + 2 : pos;
        return pos <= b.length ? pos : -1;
    }

    private static int afterZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    private void checkTrailer(byte[] t) throws ZipException {
        long crcValue = le32(t, 0);
        long size = le32(t, 4);
        if (crcValue != crc.getValue() || size != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("gzip trailer does not match the data (CRC or size)");
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
                | (b[off + 3] & 0xffL) << 24;
    }
}
