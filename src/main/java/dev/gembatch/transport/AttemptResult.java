package dev.gembatch.transport;

import dev.gembatch.assembly.Assembled;

/**
 * What one HTTP exchange produced: the status code and headers that matter (null when no response
 * arrived), everything the body said so far, how it ended (a transport failure, a deadline,
 * or neither when the body ended normally), and the tier the {@code x-gemini-service-tier}
 * response header says served it (null when absent).
 */
record AttemptResult(Integer httpCode, String contentType, String retryAfter, Assembled assembled,
                     Throwable failure, Deadline timeout, Long ttftMs, long latencyMs,
                     String servedTier) {
}
