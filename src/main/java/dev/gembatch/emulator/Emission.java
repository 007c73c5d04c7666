package dev.gembatch.emulator;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one streamed answer on a schedule, without holding a thread: chunk {@code i} is due at
 * start + firstByteLatency + i × chunkGap (absolute times, so delays do not add up). The response
 * head goes out together with the first chunk. After the last chunk the plan's ending applies:
 * the tail bytes and end of body, a cut one gap later, or a stall until the exchange is released.
 */
final class Emission {
    private final ScheduledExecutorService scheduler;
    private final List<byte[]> chunks;
    private final byte[] tail;
    private final Plan.Ending ending;
    private final StreamBody body;
    private final Runnable submitHead;
    private final Runnable onComplete;
    private final long firstNanos;
    private final long gapNanos;
    private long startNanos;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> pending;

    /** The timing of a stream: first-byte latency and the gap between chunks, in nanoseconds. */
    record Timing(long firstNanos, long gapNanos) {
    }

    Emission(ScheduledExecutorService scheduler, Timing timing, List<byte[]> chunks, byte[] tail, Plan.Ending ending,
             StreamBody body, Runnable submitHead, Runnable onComplete) {
        this.scheduler = scheduler;
        this.chunks = chunks;
        this.tail = tail;
        this.ending = ending;
        this.body = body;
        this.submitHead = submitHead;
        this.onComplete = onComplete;
        this.firstNanos = timing.firstNanos();
        this.gapNanos = timing.gapNanos();
    }

    void start() {
        startNanos = System.nanoTime();
        schedule(0);
    }

    /** Stops all further sending (the exchange is gone or the server is closing). */
    void cancel() {
        cancelled = true;
        ScheduledFuture<?> current = pending;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void schedule(int slot) {
        long delay = startNanos + firstNanos + slot * gapNanos - System.nanoTime();
        if (!cancelled) {
            pending = scheduler.schedule(() -> emit(slot), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    private void emit(int slot) {
        if (cancelled) {
            return;
        }
        if (slot >= chunks.size()) {
            body.abort();
            return;
        }
        body.offer(chunks.get(slot));
        if (slot == 0) {
            submitHead.run();
        }
        if (slot + 1 < chunks.size()) {
            schedule(slot + 1);
        } else {
            finish(slot);
        }
    }

    private void finish(int lastSlot) {
        switch (ending) {
            case CUT:
                schedule(lastSlot + 1);
                break;
            case STALL:
                break;
            case COMPLETE:
                body.offer(tail);
                body.end();
                onComplete.run();
                break;
            default:
                body.offer(tail);
                body.end();
        }
    }
}
