package dev.gembatch.transport;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * An attempt's inactivity deadline: the phase armed last (no first byte after sending, then no
 * byte for the idle gap) expires once nothing happened for its whole window, checked by one
 * scheduled task at a time that re-arms itself for what is left instead of rescheduling on every
 * byte. Reports the expired phase once, outside its own lock; after {@link #cancel} it reports
 * nothing.
 */
final class SilenceWatch {
    private final ClientClock clock;
    private final Consumer<Deadline> expired;
    private Deadline phase;
    private long window;
    private long lastActivity;
    private Future<?> check;
    private boolean cancelled;

    SilenceWatch(ClientClock clock, Consumer<Deadline> expired) {
        this.clock = clock;
        this.expired = expired;
    }

    /** Starts (or restarts) the window of {@code kind}, {@code limit} long from now. */
    synchronized void arm(Deadline kind, Duration limit) {
        if (cancelled) {
            return;
        }
        phase = kind;
        window = limit.toNanos();
        lastActivity = clock.nanos().getAsLong();
        if (check != null) {
            check.cancel(false);
        }
        check = clock.deadlines().after(limit, this::check);
    }

    /** Something arrived at {@code now}: the window starts again from it. */
    synchronized void activity(long now) {
        lastActivity = now;
    }

    /** Stops watching; a check already running reports nothing. */
    synchronized void cancel() {
        cancelled = true;
        if (check != null) {
            check.cancel(false);
        }
    }

    private void check() {
        Deadline over = null;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            long quiet = clock.nanos().getAsLong() - lastActivity;
            if (quiet >= window) {
                over = phase;
            } else {
                check = clock.deadlines().after(Duration.ofNanos(window - quiet), this::check);
            }
        }
        if (over != null) {
            expired.accept(over);
        }
    }
}
