package dev.gembatch.config;

import java.io.Serializable;

/**
 * The prompt of a row: a {@code {{column}}} template or a column as is (exactly one is non-null),
 * plus an optional system instruction that may hold placeholders too.
 */
public record PromptSettings(String template, String column, String systemInstruction)
        implements Serializable {
}
