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

    /** A builder with no field set; {@link Builder#build()} needs every one (null included). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return builder().template(template).column(column).systemInstruction(systemInstruction)
                .parts(parts).maxInlineBytes(maxInlineBytes);
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

    /** Builds {@link PromptSettings} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(PromptSettings.class);
        private String template;
        private String column;
        private String systemInstruction;
        private List<MediaPart> parts;
        private long maxInlineBytes;

        private Builder() {
        }

        public Builder template(String v) { template = v; return set("template"); }
        public Builder column(String v) { column = v; return set("column"); }
        public Builder systemInstruction(String v) {
            systemInstruction = v;
            return set("systemInstruction");
        }
        public Builder parts(List<MediaPart> v) { parts = v; return set("parts"); }
        public Builder maxInlineBytes(long v) { maxInlineBytes = v; return set("maxInlineBytes"); }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The settings; throws IllegalStateException naming every field never set. */
        public PromptSettings build() {
            given.check();
            return new PromptSettings(template, column, systemInstruction, parts, maxInlineBytes);
        }
    }
}
