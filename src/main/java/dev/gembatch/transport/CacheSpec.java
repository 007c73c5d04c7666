package dev.gembatch.transport;

import java.io.Serializable;
import java.time.Duration;

/**
 * One explicit context cache as gembatch creates it: the model, the display name that tags it
 * with the job ({@code gembatch:<hash>}, so a later run finds a killed run's cache), what it
 * holds ({@code contentJson}: a JSON object with the shared {@code systemInstruction} and, when
 * the job sends them, {@code tools} and {@code toolConfig}) and the TTL it is created and kept
 * alive with; {@code name} is the cache the driver created ({@code cachedContents/...}), or null
 * before it exists.
 */
public record CacheSpec(String model, String displayName, String contentJson, Duration ttl,
                        String name) implements Serializable {

    /** This spec naming the cache {@code created}. */
    public CacheSpec named(String created) {
        return new CacheSpec(model, displayName, contentJson, ttl, created);
    }
}
