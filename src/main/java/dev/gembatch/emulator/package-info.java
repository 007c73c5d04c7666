/**
 * The built-in Gemini stand-in: both wire formats, Google's error bodies, scenarios, latency,
 * quotas and faults, on loopback only. A product feature of its own, never called by the
 * pipeline. Door: {@code GeminiEmulator}. May use: the JDK, Jackson, HttpCore 5 (server side) —
 * no other gembatch package.
 */
package dev.gembatch.emulator;
