package dev.gembatch.config;

import java.util.Collection;
import java.util.Locale;

/**
 * The name a mistyped one most plausibly meant, for "did you mean" hints on keys and on input
 * columns: the closest by edit distance, blind to case and to {@code -}/{@code _}, within
 * {@code max(2, length / 4)} edits.
 */
public final class Spelling {
    private Spelling() {
    }

    /** The nearest of {@code names} to {@code typed}, or null when none is plausibly meant. */
    public static String nearest(String typed, Collection<String> names) {
        String normalized = normalize(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = levenshtein(normalized, normalize(name));
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 4) ? best : null;
    }

    /** Case and separator blind, so topP and max_output_tokens find top-p and max-output-tokens. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
