package dev.gembatch.emulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Implicit context caching as Gemini 2.5 and later do it: a request whose system instruction (the
 * prefix every row of a job repeats) is at least {@link #MIN_TOKENS} tokens long and was sent
 * before, with the same model, is a cache hit: those tokens are reported as
 * {@code cachedContentTokenCount} (part of {@code promptTokenCount}). The first such request is a
 * miss. Remembers at most {@link #CAPACITY} prefixes (then starts afresh, as an evicted cache).
 */
final class ImplicitCache {
    /** The smallest prefix that is cached (Google's caching page: 1,024 tokens for 2.5 Flash). */
    static final int MIN_TOKENS = 1024;
    private static final int CAPACITY = 10_000;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** The tokens of this request an implicit cache hit serves, 0 on a miss. */
    int hit(ParsedRequest request) {
        int tokens = EmulatorAnswers.tokens(request.systemText());
        if (tokens < MIN_TOKENS) {
            return 0;
        }
        if (seen.size() >= CAPACITY) {
            seen.clear();
        }
        return seen.add(request.model() + '\n' + request.systemText()) ? 0 : tokens;
    }
}
