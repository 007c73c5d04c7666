package dev.gembatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenEstimateTest {
    @Test
    void oneTokenPerFourCharactersRoundedUp() {
        assertEquals(0, TokenEstimate.of(0));
        assertEquals(1, TokenEstimate.of(1));
        assertEquals(1, TokenEstimate.of(4));
        assertEquals(2, TokenEstimate.of(5));
        assertEquals(250_000_000_000L, TokenEstimate.of(1_000_000_000_000L));
    }
}
