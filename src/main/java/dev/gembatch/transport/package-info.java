/**
 * The asynchronous Gemini client of one JVM (the only package importing Apache HttpClient 5):
 * endpoint and authentication, per-attempt deadlines, classification of every outcome, retries
 * scheduled with backoff, a graceful stop, and {@code countTokens}. Doors: {@code GeminiClient},
 * {@code TokenCounter}. May use: config, model, stream, assembly, transport.limit.
 */
package dev.gembatch.transport;
