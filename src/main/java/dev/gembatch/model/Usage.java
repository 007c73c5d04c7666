package dev.gembatch.model;

import java.io.Serializable;

/**
 * Token usage of one answer, from the last {@code usageMetadata} of the stream; a count the
 * server left out is null. {@code outputTokens} is the server's candidatesTokenCount and does
 * not include {@code thoughtsTokens}; {@code cachedTokens} (cachedContentTokenCount) is part of
 * {@code promptTokens}. {@code serviceTier} is the tier the server says served the answer
 * ({@code usageMetadata.serviceTier}: standard, flex, priority), null when it did not say.
 */
public record Usage(Integer promptTokens, Integer outputTokens, Integer thoughtsTokens,
                    Integer cachedTokens, Integer toolUsePromptTokens, Integer totalTokens,
                    String serviceTier)
        implements Serializable {

    /** Usage with every count unknown. */
    public static final Usage NONE = new Usage(null, null, null, null, null, null, null);

    /** Usage of a server that names no tier. */
    public Usage(Integer promptTokens, Integer outputTokens, Integer thoughtsTokens,
                 Integer cachedTokens, Integer toolUsePromptTokens, Integer totalTokens) {
        this(promptTokens, outputTokens, thoughtsTokens, cachedTokens, toolUsePromptTokens,
                totalTokens, null);
    }
}
