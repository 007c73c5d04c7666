package dev.gembatch.config;

import dev.gembatch.model.Usage;
import java.io.Serializable;
import java.time.Duration;

/**
 * USD per million tokens of one model at the standard tier: prompt (input), answer (output),
 * thinking, and prompt tokens read from a cache (explicit or implicit), plus a cache's storage per
 * million tokens per hour; and the factor each other tier applies to every token price (flex
 * 0.5: half price; priority above 1).
 */
public record Price(double inputPerMillion, double outputPerMillion, double thoughtsPerMillion,
                    double cachedInputPerMillion, double storagePerMillionHour,
                    double flexFactor, double priorityFactor) implements Serializable {

    /** Everything free: what a run without a price table counts. */
    public static final Price FREE = new Price(0, 0, 0, 0, 0, 1, 1);

    /** The estimated cost in USD of these token counts at the standard tier, no cache. */
    public double cost(long inputTokens, long outputTokens, long thoughtsTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion
                + thoughtsTokens * thoughtsPerMillion) / 1_000_000.0;
    }

    /**
     * The cost in USD of one answer's usage served at {@code tier}: its cached prompt tokens
     * (part of the prompt count) at the cached price, the rest at the input price, times the
     * tier's factor. Counts the server left out count as 0.
     */
    public double cost(Usage u, ServiceTier tier) {
        long prompt = orZero(u.promptTokens());
        long cached = Math.min(prompt, orZero(u.cachedTokens()));
        double standard = ((prompt - cached) * inputPerMillion + cached * cachedInputPerMillion
                + orZero(u.outputTokens()) * outputPerMillion
                + orZero(u.thoughtsTokens()) * thoughtsPerMillion) / 1_000_000.0;
        return standard * factor(tier);
    }

    /** The factor {@code tier} applies to the standard token prices. */
    public double factor(ServiceTier tier) {
        return switch (tier) {
            case STANDARD -> 1.0;
            case FLEX -> flexFactor;
            case PRIORITY -> priorityFactor;
        };
    }

    /** The storage cost in USD of a cache of {@code tokens} kept for {@code kept}. */
    public double storage(long tokens, Duration kept) {
        return tokens * storagePerMillionHour / 1_000_000.0 * kept.toMillis() / 3_600_000.0;
    }

    /** This price with the tier factors of the price table. */
    Price withTierFactors(double flex, double priority) {
        return new Price(inputPerMillion, outputPerMillion, thoughtsPerMillion,
                cachedInputPerMillion, storagePerMillionHour, flex, priority);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
