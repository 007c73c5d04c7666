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
}
