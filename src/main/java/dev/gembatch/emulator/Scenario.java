package dev.gembatch.emulator;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the emulator does with one request, chosen by a {@code [[gembatch:NAME]]} marker in the
 * prompt or by chaos. {@code failStatus} applies to {@link Kind#FAIL} only, {@code candidates} to
 * {@link Kind#CANDIDATES} only; {@code failAttempts} is how many first attempts of the request
 * fail (FAIL) or break their stream ({@code cutxN}, {@code stallxN}, ...; 0: every attempt).
 */
record Scenario(Kind kind, int failStatus, int failAttempts, int candidates) {
    private static final Pattern FAIL = Pattern.compile("fail-(429|500|503)x([0-9]{1,4})");
    private static final Pattern BREAKS =
            Pattern.compile("(cut|stall|midstream-error|malformed)x([0-9]{1,4})");
    private static final Pattern CANDIDATES = Pattern.compile("candidates-([1-8])");

    /** The scenario families; {@code marker} is the name used in {@code [[gembatch:NAME]]}. */
    enum Kind {
        NORMAL("normal"), BLOCKED("blocked"), SAFETY("safety"), RECITATION("recitation"),
        MAX_TOKENS("max-tokens"), THINKING("thinking"), CANDIDATES("candidates"), FAIL("fail"),
        CUT("cut"), STALL("stall"), MIDSTREAM_ERROR("midstream-error"), HTML_502("html-502"),
        MALFORMED("malformed"), STOP_EVERY_CHUNK("stop-every-chunk"), EMPTY_FINAL("empty-final"),
        BAD_JSON("bad-json"), SCHEMA_MISMATCH("schema-mismatch");

        final String marker;

        Kind(String marker) {
            this.marker = marker;
        }
    }

    static final Scenario NORMAL = simple(Kind.NORMAL);

    static Scenario simple(Kind kind) {
        return new Scenario(kind, 0, 0, 1);
    }

    static Scenario fail(int status, int attempts) {
        return new Scenario(Kind.FAIL, status, attempts, 1);
    }

    /** The first marker in the prompt, or NORMAL; an unknown marker name is ignored. */
    static Scenario fromPrompt(String promptText) {
        Matcher markers = EmulatorAnswers.MARKER.matcher(promptText);
        while (markers.find()) {
            String name = markers.group();
            Scenario found = byName(name.substring("[[gembatch:".length(), name.length() - 2));
            if (found != null) {
                return found;
            }
        }
        return NORMAL;
    }

    private static Scenario byName(String name) {
        Matcher fail = FAIL.matcher(name);
        if (fail.matches()) {
            return fail(Integer.parseInt(fail.group(1)), Integer.parseInt(fail.group(2)));
        }
        Matcher breaks = BREAKS.matcher(name);
        if (breaks.matches()) {
            Scenario kind = byName(breaks.group(1));
            return new Scenario(kind.kind(), 0, Integer.parseInt(breaks.group(2)), 1);
        }
        Matcher candidates = CANDIDATES.matcher(name);
        if (candidates.matches()) {
            return new Scenario(Kind.CANDIDATES, 0, 0, Integer.parseInt(candidates.group(1)));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.FAIL && kind != Kind.CANDIDATES && kind.marker.equals(name)) {
                return simple(kind);
            }
        }
        return null;
    }

    /** Name used in statistics, e.g. {@code fail-503x2}, {@code candidates-2}, {@code safety}. */
    String label() {
        if (kind == Kind.FAIL) {
            return "fail-" + failStatus + "x" + failAttempts;
        }
        if (kind == Kind.CANDIDATES) {
            return "candidates-" + candidates;
        }
        String marker = kind.marker.toLowerCase(Locale.ROOT);
        return failAttempts > 0 ? marker + "x" + failAttempts : marker;
    }

    /**
     * What attempt {@code attempt} (1-based) gets: a scenario that breaks the stream of the first
     * N attempts only ({@code stallxN}) answers normally after them.
     */
    Scenario at(int attempt) {
        return breaksStream() && failAttempts > 0 && attempt > failAttempts ? NORMAL : this;
    }

    /** True when the stream is cut short on purpose (no complete answer is delivered). */
    boolean breaksStream() {
        return kind == Kind.CUT || kind == Kind.STALL || kind == Kind.MIDSTREAM_ERROR || kind == Kind.MALFORMED;
    }
}
