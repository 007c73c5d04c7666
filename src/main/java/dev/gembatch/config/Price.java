package dev.gembatch.config;

import java.io.Serializable;

/** USD per million tokens of one model: prompt (input), answer (output) and thinking tokens. */
public record Price(double inputPerMillion, double outputPerMillion, double thoughtsPerMillion)
        implements Serializable {

    /** The estimated cost in USD of these token counts. */
    public double cost(long inputTokens, long outputTokens, long thoughtsTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion
                + thoughtsTokens * thoughtsPerMillion) / 1_000_000.0;
    }
}
