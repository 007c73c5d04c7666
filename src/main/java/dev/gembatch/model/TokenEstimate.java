package dev.gembatch.model;

/**
 * The one rule of thumb for tokens when no server has counted them: one token per 4 characters
 * (or bytes), rounded up. The transport charges a request's quota with it before the answer
 * says the real count; the dry run falls back to it when countTokens does not answer.
 */
public final class TokenEstimate {
    /** Characters (or bytes) per token. */
    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** The estimated tokens of {@code chars} characters (or bytes), rounded up. */
    public static long of(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
