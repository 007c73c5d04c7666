package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Every wait's deadline: TCP/TLS connect, request sent to first response byte, longest gap
 * between two body bytes, one whole attempt, and one row across all its attempts and backoffs.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration attempt,
                       Duration row) implements Serializable {
}
