package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GunzipTest {
    private static final byte[] PLAIN =
            Replies.capture("sse-google-search-grounding-every-event-2.5-pro.txt");

    private static byte[] inflate(byte[] packed, int step) throws ZipException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Gunzip g = new Gunzip(out::write);
        for (int i = 0; i < packed.length; i += step) {
            g.feed(ByteBuffer.wrap(packed, i, Math.min(step, packed.length - i)));
        }
        g.finish();
        g.end();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
    void inflatesWhateverTheSplit(int step) throws ZipException {
        assertArrayEquals(PLAIN, inflate(Replies.gzip(PLAIN), step));
    }

    @Test
    void headerWithFileNameAndConcatenatedMembersAreAccepted() throws ZipException {
        byte[] one = Replies.gzip("first ".getBytes());
        one[3] = 8;
        byte[] named = new byte[one.length + 4];
        System.arraycopy(one, 0, named, 0, 10);
        System.arraycopy("a.t\0".getBytes(), 0, named, 10, 4);
        System.arraycopy(one, 10, named, 14, one.length - 10);
        byte[] two = Replies.gzip("second".getBytes());
        byte[] both = new byte[named.length + two.length];
        System.arraycopy(named, 0, both, 0, named.length);
        System.arraycopy(two, 0, both, named.length, two.length);

        assertArrayEquals("first second".getBytes(), inflate(both, 3));
    }

    @Test
    void truncatedOrCorruptBodiesAreErrors() {
        byte[] packed = Replies.gzip(PLAIN);
        byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 3);
        assertThrows(ZipException.class, () -> inflate(cut, 64));
        byte[] badCrc = packed.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertThrows(ZipException.class, () -> inflate(badCrc, 64));
        assertThrows(ZipException.class, () -> inflate("<html>".getBytes(), 64));
    }
}
