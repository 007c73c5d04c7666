package dev.gembatch.model;

import java.io.Serializable;

/**
 * Token usage of one answer, from the last {@code usageMetadata} of the stream; a count the
 * server left out is null. {@code outputTokens} is the server's candidatesTokenCount and does
 * not include {@code thoughtsTokens}.
 */
public record Usage(Integer promptTokens, Integer outputTokens, Integer thoughtsTokens,
                    Integer cachedTokens, Integer toolUsePromptTokens, Integer totalTokens)
        implements Serializable {

    /** Usage with every count unknown. */
    public static final Usage NONE = new Usage(null, null, null, null, null, null);
}
