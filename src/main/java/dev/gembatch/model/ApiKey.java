package dev.gembatch.model;

import java.io.Serializable;

/**
 * The Gemini API key. It prints as {@code ***} everywhere (toString, logs, Spark UI); only the
 * transport reads {@link #reveal()} to put it in a header. {@link #redact(String)} scrubs it from
 * any text that may have echoed it (an error body, an exception message).
 */
public final class ApiKey implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** Wraps a key; blank means "no key". */
    public static ApiKey of(String value) {
        return new ApiKey(value == null ? "" : value.strip());
    }

    /** True when no key was configured. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The secret itself: for the auth header or query parameter only. */
    public String reveal() {
        return value;
    }

    /** The text with every occurrence of the key replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, "***");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "<none>" : "***";
    }
}
