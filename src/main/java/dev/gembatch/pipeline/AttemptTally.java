package dev.gembatch.pipeline;

import dev.gembatch.model.ErrorStatus;
import dev.gembatch.transport.AttemptEvent;
import dev.gembatch.transport.AttemptListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retried attempts by cause and the requests on the wire (attempts sent and not yet ended), kept
 * by the JVM's client listener on its I/O threads and drained by the tasks of that JVM into
 * their accumulators. An attempt's event comes before its row completes, so by the time a task
 * has emitted its last row, every retry of its rows has been drained by it or by another task of
 * the JVM: each is counted exactly once per run. The requests on the wire are a gauge: each
 * drain (by {@link WireGaugeLog}) takes its change since the previous drain of any task, so the
 * tasks' accumulators sum to the JVM's value at its latest drain.
 */
final class AttemptTally implements AttemptListener {
    private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();
    private final AtomicLong onWire = new AtomicLong();
    private final AtomicLong drainedOnWire = new AtomicLong();

    @Override
    public void onAttempt(AttemptEvent e) {
        if (e.willRetry()) {
            retries.computeIfAbsent(cause(e), c -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void onSend() {
        onWire.incrementAndGet();
    }

    @Override
    public void onEnd() {
        onWire.decrementAndGet();
    }

    /** The counts since the last drain, taken atomically per cause. */
    Map<String, Long> drain() {
        Map<String, Long> taken = new TreeMap<>();
        retries.forEach((cause, n) -> {
            long v = n.getAndSet(0);
            if (v > 0) {
                taken.put(cause, v);
            }
        });
        return taken;
    }

    /** Requests on the wire now minus at the previous drain (the changes telescope to the value). */
    long drainOnWire() {
        long now = onWire.get();
        return now - drainedOnWire.getAndSet(now);
    }

    static String cause(AttemptEvent e) {
        if (e.errorStatus() != null) {
            return e.errorStatus();
        }
        return e.httpCode() == null ? ErrorStatus.UNKNOWN.name() : "HTTP " + e.httpCode();
    }
}
