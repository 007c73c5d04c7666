package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.transport.limit.Limiter;

/** The shared, thread-safe pieces every row of one {@link GeminiClient} works with. */
record Parts(GeminiSettings settings, Endpoint endpoint, Http http, Limiter limiter,
             Classifier classifier, Backoff backoff, Env env, AttemptListener listener) {
}
