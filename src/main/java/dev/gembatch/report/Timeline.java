package dev.gembatch.report;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows completed per time bucket (epoch seconds), bounded: when it holds more than
 * {@link #MAX_BUCKETS} buckets it doubles its bucket width, so a long run costs no more memory
 * than a short one. Not thread-safe: its owner synchronises.
 */
final class Timeline implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_BUCKETS = 240;
    private final TreeMap<Long, Long> rows = new TreeMap<>();
    private long width = 1;

    void add(long epochSecond) {
        rows.merge(epochSecond - Math.floorMod(epochSecond, width), 1L, Long::sum);
        shrink();
    }

    void merge(Timeline other) {
        while (width < other.width) {
            widen();
        }
        other.rows.forEach((start, n) -> rows.merge(start - Math.floorMod(start, width), n,
                Long::sum));
        shrink();
    }

    Timeline copy() {
        Timeline t = new Timeline();
        t.merge(this);
        return t;
    }

    /** Bucket width in seconds. */
    long width() {
        return width;
    }

    /** Bucket start (epoch second) to rows completed in it, in time order. */
    Map<Long, Long> buckets() {
        return new TreeMap<>(rows);
    }

    private void shrink() {
        while (rows.size() > MAX_BUCKETS) {
            widen();
        }
    }

    private void widen() {
        width *= 2;
        TreeMap<Long, Long> old = new TreeMap<>(rows);
        rows.clear();
        old.forEach((start, n) -> rows.merge(start - Math.floorMod(start, width), n, Long::sum));
    }
}
