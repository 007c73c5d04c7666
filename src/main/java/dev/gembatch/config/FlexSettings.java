package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How Flex requests are timed: their own per-attempt and per-row {@code timeouts}
 * ({@code gemini.flex-timeouts}, sized for Flex's 1-15 minute latency target), and the job's
 * deadline ({@code job.deadline}) as written (a duration from the start, or a time of day) and,
 * once the run has started, as the instant it falls on ({@code deadline}; null when there is
 * none or the run has not started).
 */
public record FlexSettings(Timeouts timeouts, Duration deadlineAfter, LocalTime deadlineAt,
                           Instant deadline) implements Serializable {

    /** This run's deadline fixed from its start: the next such time of day, or start + duration. */
    public FlexSettings startingAt(Instant start, ZoneId zone) {
        Instant at = null;
        if (deadlineAfter != null) {
            at = start.plus(deadlineAfter);
        } else if (deadlineAt != null) {
            Instant today = LocalDate.ofInstant(start, zone).atTime(deadlineAt).atZone(zone)
                    .toInstant();
            at = today.isAfter(start) ? today : today.plus(Duration.ofDays(1));
        }
        return new FlexSettings(timeouts, deadlineAfter, deadlineAt, at);
    }

    /**
     * True when a Flex attempt started at {@code now} could not finish before the deadline (less
     * than one Flex attempt timeout is left): the deadline "nears".
     */
    public boolean nearing(Instant now) {
        return deadline != null && !now.plus(timeouts.attempt()).isBefore(deadline);
    }
}
