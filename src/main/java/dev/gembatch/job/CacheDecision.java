package dev.gembatch.job;

import dev.gembatch.config.ContextCache;
import dev.gembatch.config.Price;
import dev.gembatch.config.ServiceTier;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether one answer column's requests get an explicit context cache, and why, from
 * {@code model.context-cache}, the tokens every request shares, the model's minimum and the
 * bill: a cache pays when reading the shared tokens at the cached price from every request but
 * the one that creates it, at the column's tier, saves more than storing them for the expected
 * run time costs (see {@link TierBill}). {@code problem} is set when {@code on} cannot be honoured.
 */
record CacheDecision(boolean cache, String reason, String problem) {
    /** Where the minimum comes from. */
    static final String SOURCE = "ai.google.dev/gemini-api/docs/caching";

    /**
     * The decision for {@code requests} requests sharing {@code sharedTokens} tokens (0: nothing
     * is shared; -1: the system instruction has placeholders) sent to {@code model}.
     */
    static CacheDecision of(String keyPrefix, ContextCache mode, String model, long sharedTokens,
                            long requests, ServiceTier tier, Price price, Duration runTime) {
        String key = keyPrefix + "model.context-cache";
        if (mode == ContextCache.OFF) {
            return new CacheDecision(false, "no cache: " + key + " = off", null);
        }
        if (sharedTokens <= 0) {
            String why = sharedTokens < 0 ? "the system instruction has placeholders, so no part"
                    + " of the request is the same for every row"
                    : "no part of the request is the same for every row (no system instruction)";
            return refusal(mode, key, why);
        }
        int min = minimumTokens(model);
        if (sharedTokens < min) {
            return refusal(mode, key, String.format(Locale.ROOT, "the shared part is %,d tokens;"
                    + " %s caches at least %,d (%s)", sharedTokens, model, min, SOURCE));
        }
        TierBill bill = new TierBill(price, requests, sharedTokens * requests, 0, sharedTokens,
                runTime);
        String why = bill.reason(tier);
        if (mode == ContextCache.ON) {
            return new CacheDecision(true, "cache (" + key + " = on): " + why, null);
        }
        return bill.cachePays(tier) ? new CacheDecision(true, "cache (auto): " + why, null)
                : new CacheDecision(false, "no cache (auto: it does not pay): " + why, null);
    }

    /** The smallest cache the caching page lists: 4,096 tokens for Pro models, 1,024 else. */
    static int minimumTokens(String model) {
        return model.contains("-pro") ? 4096 : 1024;
    }

    private static CacheDecision refusal(ContextCache mode, String key, String why) {
        return mode == ContextCache.ON
                ? new CacheDecision(false, "no cache: " + why, key + " = on: " + why)
                : new CacheDecision(false, "no cache (auto): " + why, null);
    }
}
