package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Every wait's deadline: TCP/TLS connect, request sent to first response byte, longest gap
 * between two body bytes, one whole attempt, one row across all its attempts and backoffs, and
 * the grace requests on the wire get to finish when their executor shuts down.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration attempt,
                       Duration row, Duration shutdownGrace) implements Serializable {
}
