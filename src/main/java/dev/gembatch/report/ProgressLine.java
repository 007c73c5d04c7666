package dev.gembatch.report;

import java.util.Locale;
import java.util.Map;

/**
 * One progress line from live counter values: rows done of total, rows per second, requests in
 * flight, tokens in and out, retries, failed, blocked and the time left at the average rate so
 * far. {@code total} is negative when unknown. A resumed or retry-failed run counts only what
 * it sends in {@code total} and names the rows it {@code reused} (0: none, not shown).
 */
record ProgressLine(Map<Metric, Long> values, long total, long elapsedMillis, long reused) {

    ProgressLine(Map<Metric, Long> values, long total, long elapsedMillis) {
        this(values, total, elapsedMillis, 0);
    }

    /**
     * Rows done: rows counted by status, or, while the deduplicated path has answered requests
     * whose rows are joined back only at the end of the write, the answers so far.
     */
    long done() {
        long rows = values.entrySet().stream().filter(e -> e.getKey().isRow())
                .mapToLong(Map.Entry::getValue).sum();
        return Math.max(rows, values.getOrDefault(Metric.ANSWERED, 0L));
    }

    /**
     * Requests on the wire: attempts handed to a connection and not yet ended, over all executor
     * JVMs. A row waiting for a permit or a quota turn, or in backoff, is not one. A waiting task
     * refreshes its JVM's value at least every second and the executor heartbeat brings it here,
     * so it lags by about those two intervals; a failed task's share drops out, hence the floor
     * at 0.
     */
    long inFlight() {
        return Math.max(0, values.getOrDefault(Metric.ON_WIRE, 0L));
    }

    double rate() {
        return elapsedMillis <= 0 ? 0 : done() * 1000.0 / elapsedMillis;
    }

    String text() {
        long done = total >= 0 ? Math.min(done(), total) : done();
        String rows = total >= 0
                ? String.format(Locale.ROOT, "%,d/%,d rows (%.1f%%)", done, total,
                        total == 0 ? 100.0 : 100.0 * done / total)
                : String.format(Locale.ROOT, "%,d rows", done);
        if (reused > 0) {
            rows += String.format(Locale.ROOT, " to send, %,d reused", reused);
        }
        return String.format(Locale.ROOT, "gembatch: %s | %.1f rows/s | in flight %,d"
                        + " | tokens in %,d out %,d | retries %,d | failed %,d | blocked %,d"
                        + " | ETA %s", rows, rate(), inFlight(), get(Metric.TOKENS_IN),
                get(Metric.TOKENS_OUT), get(Metric.RETRIES),
                atLeast(Metric.FAILED, Metric.ANSWERS_FAILED),
                atLeast(Metric.BLOCKED, Metric.ANSWERS_BLOCKED), eta(done));
    }

    /**
     * Rows of a status, or, while the deduplicated path's rows are joined back only at the end
     * of the write, the answers of that status so far (they move while rows do not).
     */
    private long atLeast(Metric rows, Metric answers) {
        return Math.max(get(rows), get(answers));
    }

    private long get(Metric m) {
        return values.getOrDefault(m, 0L);
    }

    private String eta(long done) {
        if (total < 0 || rate() <= 0) {
            return "?";
        }
        return duration(Math.round((total - done) / rate()));
    }

    /** 42s, 3m07s, 2h05m. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
