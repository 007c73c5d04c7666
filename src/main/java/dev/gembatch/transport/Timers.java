package dev.gembatch.transport;

import java.time.Duration;
import java.util.concurrent.Future;

/** Runs a task once after a delay, never blocking the caller; the seam tests use for time. */
interface Timers {
    Future<?> after(Duration delay, Runnable task);
}
