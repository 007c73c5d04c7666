package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The answer store across runs: its folder ({@code path}, null when the store is off), how long
 * an answer is kept ({@code maxAge}, zero: for ever; {@code maxAgeByModel} overrides it for the
 * models it names), and the size under which a segment is merged by compaction
 * ({@code compactBelowBytes}).
 */
public record StoreSettings(String path, Duration maxAge, Map<String, Duration> maxAgeByModel,
                            long compactBelowBytes) implements Serializable {
    /** The store switched off. */
    public static final StoreSettings OFF = new StoreSettings(null, Duration.ZERO, Map.of(), 0);

    public StoreSettings {
        maxAgeByModel = Map.copyOf(maxAgeByModel);
    }

    /** True when {@code store.path} is set. */
    public boolean enabled() {
        return path != null;
    }

    /** How long an answer of {@code model} is kept; zero: for ever. */
    public Duration maxAge(String model) {
        return maxAgeByModel.getOrDefault(model, maxAge);
    }
}
