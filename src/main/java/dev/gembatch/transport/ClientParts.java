package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.transport.limit.Limiter;

/**
 * The shared, thread-safe pieces of one {@link GeminiClient} that each of its {@link
 * RetryingExchange}s works with.
 */
record ClientParts(GeminiSettings settings, Endpoint endpoint, Signer signer, HttpTransport http,
                   Limiter limiter, Classifier classifier, Backoff backoff, ClientClock clock,
                   AttemptListener listener) {
}
