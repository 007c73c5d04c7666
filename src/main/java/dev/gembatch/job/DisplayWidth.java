package dev.gembatch.job;

/**
 * Terminal columns a text takes: East Asian wide characters and emoji take two, combining marks,
 * zero-width joiners and variation selectors none, everything else one (a close approximation
 * of wcwidth).
 */
final class DisplayWidth {
    private DisplayWidth() {
    }

    static int of(String text) {
        return text.codePoints().map(DisplayWidth::of).sum();
    }

    /** The longest prefix of {@code text} that fits in {@code columns} (at least one character). */
    static String prefix(String text, int columns) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + of(cp) > columns && end > 0) {
                break;
            }
            used += of(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    static int of(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F)) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
