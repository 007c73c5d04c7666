package dev.gembatch.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt of a row: a {@code {{column}}} template or a column as is (exactly one is non-null),
 * plus an optional system instruction that may hold placeholders too, the media parts sent before
 * the text (in order) and the most inline bytes one request may carry.
 */
public record PromptSettings(String template, String column, String systemInstruction,
                             List<MediaPart> parts, long maxInlineBytes)
        implements Serializable {

    /** Compact constructor: keeps an immutable copy of the parts. */
    public PromptSettings {
        parts = List.copyOf(parts);
    }

    /** The columns the media parts read, by job key (e.g. prompt.parts[0].inline-column). */
    public Map<String, String> partColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            MediaPart part = parts.get(i);
            columns.put("prompt.parts[" + i + "]." + part.source().key(), part.column());
            if (part.mimeTypeColumn() != null) {
                columns.put("prompt.parts[" + i + "].mime-type-column", part.mimeTypeColumn());
            }
        }
        return columns;
    }
}
