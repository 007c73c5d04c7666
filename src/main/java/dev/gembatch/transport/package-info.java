/**
 * The asynchronous Gemini client of one JVM (the only package importing Apache HttpClient 5):
 * endpoint shapes (Gemini API, Vertex AI), signing (API key, Google access token), per-attempt
 * deadlines, classification of every outcome, retries scheduled with backoff, a graceful stop,
 * and {@code countTokens}. Doors: {@code GeminiClient}, {@code TokenCounter}. May use: config,
 * credentials, model, stream, assembly, transport.limit.
 */
package dev.gembatch.transport;
