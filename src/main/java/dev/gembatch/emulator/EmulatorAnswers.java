package dev.gembatch.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic answers of the emulator: the same model and prompt always give the same text,
 * which mixes ASCII with multi-byte UTF-8 (accents, CJK, emoji), quotes, backslashes, angle
 * brackets and newlines. Scenario markers ({@code [[gembatch:...]]}) never appear in an answer. A
 * request with media parts is answered "about" each part's description line, in order.
 */
public final class EmulatorAnswers {
    static final Pattern MARKER = Pattern.compile("\\[\\[gembatch:[a-z0-9-]+]]");
    /** A line that stands for a media part of the request (see {@code RequestParts}). */
    static final Pattern MEDIA = Pattern.compile("^\\[(?:inline|file) [^\\]\n]*]$", Pattern.MULTILINE);
    static final String[] WORDS = {
        "the", "river", "café", "naïve", "東京", "データ", "🚀", "résumé", "\"quoted\"", "back\\slash",
        "<b>bold</b>", "Zürich", "smörgåsbord", "数据", "✓", "ünïcödé", "señor", "🙂", "a/b", "it's",
        "tab\there", "façade", "μ-law", "50%", "x=y", "€12", "👩‍💻", "Ελληνικά", "naïveté", "日本語",
    };
    private static final int EXCERPT_CODE_POINTS = 40;

    private EmulatorAnswers() {
    }

    /** The answer text of candidate 0 for this model and prompt (all text parts joined by "\n"). */
    public static String textFor(String model, String promptText) {
        return textFor(model, promptText, 0);
    }

    /** The answer text of the given candidate index. */
    public static String textFor(String model, String promptText, int candidateIndex) {
        byte[] digest = digest("answer", model, promptText, candidateIndex);
        StringBuilder text = new StringBuilder(256);
        text.append("Emulated answer to «").append(excerpt(promptText)).append("»").append(media(promptText));
        if (candidateIndex > 0) {
            text.append(" (candidate ").append(candidateIndex).append(')');
        }
        text.append(":\n");
        int words = 12 + (digest[0] & 0x1f);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : (i % 9 == 0 ? "\n" : " "));
            text.append(WORDS[(digest[(i + 1) % digest.length] & 0xff) % WORDS.length]);
        }
        return text.append('.').toString();
    }

    /** The thought summary emitted with thinkingConfig.includeThoughts. */
    static String thoughtFor(String model, String promptText) {
        byte[] digest = digest("thought", model, promptText, 0);
        return "**Considering the request**\n\nI'm weighing «" + excerpt(promptText) + "» and choosing "
                + WORDS[(digest[0] & 0xff) % WORDS.length] + " over " + WORDS[(digest[1] & 0xff) % WORDS.length]
                + ".\n\n\n";
    }

    /** The prompt text without scenario markers. */
    static String withoutMarkers(String promptText) {
        return MARKER.matcher(promptText).replaceAll("").strip();
    }

    /** Google-like token estimate: ceil(code points / 4), at least 1 for non-empty text. */
    static int tokens(String text) {
        int codePoints = text.codePointCount(0, text.length());
        return (codePoints + 3) / 4;
    }

    /** " about [inline ...] [file ...]" for the media lines of the prompt, else "". */
    private static String media(String promptText) {
        StringBuilder media = new StringBuilder();
        Matcher lines = MEDIA.matcher(promptText);
        while (lines.find()) {
            media.append(media.length() == 0 ? " about " : " ").append(lines.group());
        }
        return media.toString();
    }

    /** The first 40 code points of the text (no markers, no media lines, line breaks flattened). */
    private static String excerpt(String promptText) {
        String text = MEDIA.matcher(promptText).replaceAll("");
        String clean = withoutMarkers(text).replace('\n', ' ').replace('\r', ' ');
        int codePoints = clean.codePointCount(0, clean.length());
        if (codePoints <= EXCERPT_CODE_POINTS) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, EXCERPT_CODE_POINTS)) + "…";
    }

    static byte[] digest(String purpose, String model, String text, int index) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((purpose + '\u0000' + model + '\u0000' + index + '\u0000').getBytes(StandardCharsets.UTF_8));
            return sha.digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
