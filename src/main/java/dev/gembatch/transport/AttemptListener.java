package dev.gembatch.transport;

/**
 * Told about every attempt (for counters, progress and the run report). Called from I/O and
 * timer threads: it must be cheap, thread-safe and must not block. Requests on the wire are the
 * {@link #onSend()} calls minus the {@link #onEnd()} calls: a row waiting for a permit or a
 * quota turn, or in backoff, has no attempt on the wire.
 */
@FunctionalInterface
public interface AttemptListener {

    /** A listener that ignores everything. */
    AttemptListener NONE = e -> { };

    /** A finished attempt of a row that still wants its answer (an abandoned one is not told). */
    void onAttempt(AttemptEvent e);

    /** An attempt is handed to the connection: it is on the wire until its {@link #onEnd()}. */
    default void onSend() {
    }

    /** A sent attempt has ended, whatever the outcome (abandoned ones too), before its event. */
    default void onEnd() {
    }
}
