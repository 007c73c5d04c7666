package dev.gembatch.transport;

/**
 * Told about every attempt (for counters, progress and the run report). Called from I/O and
 * timer threads: it must be cheap, thread-safe and must not block.
 */
@FunctionalInterface
public interface AttemptListener {

    /** A listener that ignores everything. */
    AttemptListener NONE = e -> { };

    void onAttempt(AttemptEvent e);
}
