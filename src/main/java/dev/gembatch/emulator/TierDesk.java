package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;

/**
 * What a request's service tier gets: a Flex request is shed (503 or 429, see
 * {@link ErrorBodies#shed}) with probability {@code shedRate}, a Priority one is served at
 * standard with probability {@code downgradeRate} (Priority's "graceful downgrade" over its
 * limit), anything else is served at the tier it asked for. Each attempt of a request draws
 * independently from the seed, so a retry of a shed request may be served; same seed, same draws.
 */
final class TierDesk {
    private static final long SALT = 0x5EEDF1E7L;
    private final double shedRate;
    private final double downgradeRate;
    private final long seed;

    TierDesk(double shedRate, double downgradeRate, long seed) {
        this.shedRate = shedRate;
        this.downgradeRate = downgradeRate;
        this.seed = seed;
    }

    /** The shed body of this attempt of a Flex request, or null when it is served. */
    JsonNode shed(ParsedRequest request, int attempt) {
        if (!"flex".equals(request.serviceTier()) || shedRate <= 0) {
            return null;
        }
        SplittableRandom random = draw(request, attempt);
        return random.nextDouble() < shedRate ? ErrorBodies.shed(random.nextBoolean()) : null;
    }

    /** The tier that serves this attempt: standard for a downgraded Priority one, else as asked. */
    String served(ParsedRequest request, int attempt) {
        if ("priority".equals(request.serviceTier()) && downgradeRate > 0
                && draw(request, attempt).nextDouble() < downgradeRate) {
            return "standard";
        }
        return request.serviceTier();
    }

    private SplittableRandom draw(ParsedRequest request, int attempt) {
        return new SplittableRandom(seed ^ SALT ^ request.key() ^ (attempt * 0x9E3779B97F4A7C15L));
    }
}
