package dev.gembatch.emulator;

import java.util.ArrayList;
import java.util.List;

/** Cuts answer text into chunks at deterministic, irregular code-point positions (never inside a surrogate pair). */
final class TextSplitter {
    private TextSplitter() {
    }

    /**
     * Splits into {@code pieces} parts; a part is empty only when the text has fewer code points
     * than pieces. {@code salt} varies the cut positions (derived from the prompt).
     */
    static List<String> split(String text, int pieces, byte[] salt) {
        int length = text.codePointCount(0, text.length());
        List<String> parts = new ArrayList<>(pieces);
        int previous = 0;
        for (int i = 1; i <= pieces; i++) {
            int cut = i == pieces ? length : cutPoint(length, pieces, i, salt);
            cut = Math.max(cut, Math.min(previous + 1, length));
            parts.add(substring(text, previous, cut));
            previous = cut;
        }
        return parts;
    }

    private static int cutPoint(int length, int pieces, int i, byte[] salt) {
        int even = (int) ((long) length * i / pieces);
        int wobble = Math.max(1, length / (3 * pieces));
        int offset = (salt[i % salt.length] & 0xff) % (2 * wobble + 1) - wobble;
        return Math.max(0, Math.min(length - (pieces - i), even + offset));
    }

    /** The first {@code codePoints} code points of the text. */
    static String prefix(String text, int codePoints) {
        int length = text.codePointCount(0, text.length());
        return substring(text, 0, Math.max(0, Math.min(length, codePoints)));
    }

    /** The first half of the text (code points, rounded down, at least one). */
    static String firstHalf(String text) {
        int length = text.codePointCount(0, text.length());
        return prefix(text, Math.max(1, length / 2));
    }

    private static String substring(String text, int fromCodePoint, int toCodePoint) {
        int from = text.offsetByCodePoints(0, fromCodePoint);
        int to = text.offsetByCodePoints(from, toCodePoint - fromCodePoint);
        return text.substring(from, to);
    }
}
