package dev.gembatch.stream;

/** Part texts joined in arrival order; the usual single part is kept as is, with no copy. */
final class JoinedText {

    private String single;
    private StringBuilder joined;

    void add(String text) {
        if (joined != null) {
            joined.append(text);
        } else if (single == null) {
            single = text;
        } else {
            joined = new StringBuilder(single.length() + text.length() + 64).append(single).append(text);
            single = null;
        }
    }

    void clear() {
        single = null;
        joined = null;
    }

    /** The joined text; "" when no part had any. */
    String value() {
        return joined != null ? joined.toString() : single == null ? "" : single;
    }
}
