package dev.gembatch.model;

import java.io.Serializable;

/**
 * One safety rating as the server sent it; enum-like fields stay strings so unknown values
 * survive. Score, severity and blocked are null where the server left them out.
 */
public record SafetyRating(String category, String probability, Double probabilityScore,
                           String severity, Double severityScore, Boolean blocked)
        implements Serializable {
}
