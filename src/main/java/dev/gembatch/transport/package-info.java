/**
 * The asynchronous Gemini client of one JVM (the only package importing Apache HttpClient 5):
 * endpoint shapes (Gemini API, Vertex AI), signing (API key, Google access token), per-attempt
 * deadlines, classification of every outcome, retries scheduled with backoff, a graceful stop,
 * {@code countTokens} and explicit context caches (the {@code cachedContents} resource: made,
 * kept, swept and deleted by the driver, made again by an executor that finds one gone). Doors:
 * {@code GeminiClient}, {@code TokenCounter}, {@code ContextCaches}. May use: config,
 * credentials, model, stream, assembly, transport.limit.
 */
package dev.gembatch.transport;
