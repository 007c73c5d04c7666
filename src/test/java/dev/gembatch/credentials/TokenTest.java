package dev.gembatch.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a token is replaced: a quarter of its lifetime before expiry, at most 5 minutes before. */
class TokenTest {
    private static final Instant T0 = Instant.parse("2026-12-06T21:00:00Z");

    @Test
    void anHourLongTokenIsReplacedFiveMinutesBeforeItExpires() {
        Token t = Token.of("secret-value", T0, T0.plusSeconds(3600));
        assertEquals(T0.plusSeconds(3300), t.refreshAt());
        assertFalse(t.due(T0.plusSeconds(3299)));
        assertTrue(t.due(T0.plusSeconds(3300)));
        assertTrue(t.usable(T0.plusSeconds(3599)));
        assertFalse(t.usable(T0.plusSeconds(3600)));
    }

    @Test
    void aShortTokenIsReplacedAfterThreeQuartersOfItsLife() {
        Token t = Token.of("secret-value", T0, T0.plusSeconds(2));
        assertEquals(T0.plusMillis(1500), t.refreshAt());
    }

    @Test
    void theValueNeverShowsInText() {
        assertFalse(Token.of("secret-value", T0, T0.plusSeconds(60)).toString().contains("secret"));
    }
}
