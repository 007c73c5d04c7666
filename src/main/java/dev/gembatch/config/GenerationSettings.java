package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * Gemini {@code generationConfig}; every null field is left out of the request.
 * {@code responseSchemaJson} is a JSON object; the thinking fields form {@code thinkingConfig}.
 */
public record GenerationSettings(Double temperature, Double topP, Integer topK,
                                 Integer candidateCount, Integer maxOutputTokens,
                                 List<String> stopSequences, String responseMimeType,
                                 String responseSchemaJson, Long seed, Double presencePenalty,
                                 Double frequencyPenalty, Integer thinkingBudget,
                                 Boolean includeThoughts, String thinkingLevel)
        implements Serializable {

    public GenerationSettings {
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
    }

    /** True when any thinking field is set, so a {@code thinkingConfig} is sent. */
    public boolean hasThinking() {
        return thinkingBudget != null || includeThoughts != null || thinkingLevel != null;
    }

    /**
     * A builder with every field unset. Unset is null, which this record reads as "left out of
     * the request" (Gemini's own default applies), not as a default of gembatch's: that is why,
     * unlike the other settings builders, this one needs no field set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return builder().temperature(temperature).topP(topP).topK(topK)
                .candidateCount(candidateCount).maxOutputTokens(maxOutputTokens)
                .stopSequences(stopSequences).responseMimeType(responseMimeType)
                .responseSchemaJson(responseSchemaJson).seed(seed).presencePenalty(presencePenalty)
                .frequencyPenalty(frequencyPenalty).thinkingBudget(thinkingBudget)
                .includeThoughts(includeThoughts).thinkingLevel(thinkingLevel);
    }

    /** Builds {@link GenerationSettings} by field name; a field never set stays null (not sent). */
    public static final class Builder {
        private Double temperature;
        private Double topP;
        private Integer topK;
        private Integer candidateCount;
        private Integer maxOutputTokens;
        private List<String> stopSequences;
        private String responseMimeType;
        private String responseSchemaJson;
        private Long seed;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private Integer thinkingBudget;
        private Boolean includeThoughts;
        private String thinkingLevel;

        private Builder() {
        }

        public Builder temperature(Double v) { temperature = v; return this; }
        public Builder topP(Double v) { topP = v; return this; }
        public Builder topK(Integer v) { topK = v; return this; }
        public Builder candidateCount(Integer v) { candidateCount = v; return this; }
        public Builder maxOutputTokens(Integer v) { maxOutputTokens = v; return this; }
        public Builder stopSequences(List<String> v) { stopSequences = v; return this; }
        public Builder responseMimeType(String v) { responseMimeType = v; return this; }
        public Builder responseSchemaJson(String v) { responseSchemaJson = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder presencePenalty(Double v) { presencePenalty = v; return this; }
        public Builder frequencyPenalty(Double v) { frequencyPenalty = v; return this; }
        public Builder thinkingBudget(Integer v) { thinkingBudget = v; return this; }
        public Builder includeThoughts(Boolean v) { includeThoughts = v; return this; }
        public Builder thinkingLevel(String v) { thinkingLevel = v; return this; }

        /** The settings. */
        public GenerationSettings build() {
            return new GenerationSettings(temperature, topP, topK, candidateCount,
                    maxOutputTokens, stopSequences, responseMimeType, responseSchemaJson, seed,
                    presencePenalty, frequencyPenalty, thinkingBudget, includeThoughts,
                    thinkingLevel);
        }
    }
}
