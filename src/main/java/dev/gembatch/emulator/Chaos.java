package dev.gembatch.emulator;

import java.util.SplittableRandom;

/**
 * Seeded random failures: each attempt of a request (its body hash and attempt number) draws
 * independently, so a retry of a chaos-hit request may succeed. Same seed, same outcomes.
 */
final class Chaos {
    private static final Scenario[] POOL = {
        Scenario.fail(503, Integer.MAX_VALUE), Scenario.fail(500, Integer.MAX_VALUE),
        Scenario.fail(429, Integer.MAX_VALUE), Scenario.simple(Scenario.Kind.CUT),
        Scenario.simple(Scenario.Kind.MIDSTREAM_ERROR), Scenario.simple(Scenario.Kind.HTML_502),
        Scenario.simple(Scenario.Kind.MALFORMED),
    };
    private final double fraction;
    private final long seed;

    Chaos(double fraction, long seed) {
        this.fraction = fraction;
        this.seed = seed;
    }

    /** The failure this attempt suffers, or null when it is served normally. */
    Scenario draw(long requestKey, int attempt) {
        if (fraction <= 0) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(seed ^ requestKey ^ (attempt * 0x9E3779B97F4A7C15L));
        if (random.nextDouble() >= fraction) {
            return null;
        }
        return POOL[random.nextInt(POOL.length)];
    }
}
