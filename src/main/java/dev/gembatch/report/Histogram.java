package dev.gembatch.report;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A fixed-size distribution of milliseconds: counts per bucket on a 1-1.5-2-3-5-7 scale from
 * 1 ms to about 17 minutes (the last bucket takes everything above), plus count, sum, min, max.
 * Percentiles interpolate inside a bucket, so they are estimates within one bucket's width.
 * Not thread-safe: its owner synchronises.
 */
final class Histogram implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double[] STEPS = {1, 1.5, 2, 3, 5, 7};
    /** Upper bounds (inclusive) of every bucket but the last. */
    static final long[] BOUNDS = bounds();

    private final long[] counts = new long[BOUNDS.length + 1];
    private long count;
    private long sum;
    private long max;
    private long min = Long.MAX_VALUE;

    private static long[] bounds() {
        long[] b = new long[STEPS.length * 7];
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.round(STEPS[i % STEPS.length] * Math.pow(10, i / STEPS.length));
        }
        return b;
    }

    void add(long millis) {
        long v = Math.max(0, millis);
        int i = Arrays.binarySearch(BOUNDS, v);
        counts[i >= 0 ? i : -i - 1]++;
        count++;
        sum += v;
        max = Math.max(max, v);
        min = Math.min(min, v);
    }

    void merge(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    Histogram copy() {
        Histogram h = new Histogram();
        h.merge(this);
        return h;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    long bucketCount(int i) {
        return counts[i];
    }

    int buckets() {
        return counts.length;
    }

    /** The upper bound of bucket i (the last bucket ends at the maximum seen). */
    long upper(int i) {
        return i < BOUNDS.length ? BOUNDS[i] : Math.max(max, BOUNDS[BOUNDS.length - 1]);
    }

    /** The q-quantile (0 < q <= 1) estimated by linear interpolation in its bucket; 0 if empty. */
    long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        double rank = q * count;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && seen + counts[i] >= rank) {
                long lower = Math.max(min, i == 0 ? 0 : BOUNDS[i - 1]);
                long upper = Math.min(upper(i), max);
                double within = (rank - seen) / counts[i];
                return Math.min(max, Math.round(lower + within * Math.max(0, upper - lower)));
            }
            seen += counts[i];
        }
        return max;
    }
}
