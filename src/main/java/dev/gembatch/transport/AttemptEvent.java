package dev.gembatch.transport;

import java.time.Duration;

/**
 * One finished attempt: its number (1-based), the HTTP code (null when no response came), the
 * error status (null when it produced an answer), whether another attempt follows and after what
 * wait, its own latency and time to the first body byte (null when none came).
 */
public record AttemptEvent(int attempt, Integer httpCode, String errorStatus, boolean willRetry,
                           Duration backoff, long latencyMs, Long ttftMs) {
}
