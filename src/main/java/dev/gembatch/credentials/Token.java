package dev.gembatch.credentials;

import java.time.Duration;
import java.time.Instant;

/**
 * One access token with its expiry and the moment to replace it: a quarter of its lifetime
 * before it expires, at most {@link #MARGIN} before (so an hour-long token is replaced after
 * 55 minutes, a two-second one after 1.5 s). {@link #toString()} never shows the value.
 */
record Token(String value, Instant expiresAt, Instant refreshAt) {
    static final Duration MARGIN = Duration.ofMinutes(5);

    static Token of(String value, Instant issuedAt, Instant expiresAt) {
        Duration quarter = Duration.between(issuedAt, expiresAt).dividedBy(4);
        Duration margin = quarter.compareTo(MARGIN) < 0 ? quarter : MARGIN;
        return new Token(value, expiresAt, expiresAt.minus(margin));
    }

    boolean due(Instant now) {
        return !now.isBefore(refreshAt);
    }

    boolean usable(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Token[***, expires " + expiresAt + "]";
    }
}
