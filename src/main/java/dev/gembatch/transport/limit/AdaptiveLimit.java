package dev.gembatch.transport.limit;

/**
 * The number of permits within [min, max] (fixed when min == max), adapted to what the server
 * says about its load, and only to that:
 * <ul>
 *   <li>each SUCCESS adds 1, up to max (after a storm the limit is back at max within
 *       max - min answers);</li>
 *   <li>successes and overloads are counted in windows of {@code n = max(limit at the window's
 *       start, MIN_WINDOW)} outcomes; a window ends as soon as its majority is known: at n/2
 *       OVERLOADs (429, 503) the limit halves, down to min; at more than n/2 successes it is
 *       left as it is. So the limit halves at most once per window, a steady minority of
 *       overloads never shrinks it, and overloads left over from a storm cannot halve it again
 *       once answers come back;</li>
 *   <li>IGNORE (stalls, cuts, timeouts, other errors) changes nothing and is not counted: such a
 *       fault says nothing about the server's load, and a stalled request already holds its
 *       permit until its timeout.</li>
 * </ul>
 * A server that rejects what exceeds its capacity answers those rejections fast, so they soon
 * outnumber the answers and the limit settles between half and about twice that capacity.
 * Not thread-safe: {@link Limiter} guards it.
 */
final class AdaptiveLimit {
    /** Outcomes in a window at least, so that a small limit does not halve on one unlucky 503. */
    static final int MIN_WINDOW = 10;
    private final int min;
    private final int max;
    private int value;
    private int windowSize;
    private int successes;
    private int overloads;

    AdaptiveLimit(int initial, int min, int max) {
        this.min = min;
        this.max = max;
        this.value = initial;
        this.windowSize = Math.max(initial, MIN_WINDOW);
    }

    int current() {
        return value;
    }

    void update(Limiter.Signal signal) {
        if (signal == Limiter.Signal.IGNORE) {
            return;
        }
        if (signal == Limiter.Signal.SUCCESS) {
            value = Math.min(max, value + 1);
            successes++;
        } else {
            overloads++;
        }
        if (2 * overloads >= windowSize) {
            value = Math.max(min, value / 2);
            nextWindow();
        } else if (2 * successes > windowSize) {
            nextWindow();
        }
    }

    private void nextWindow() {
        windowSize = Math.max(value, MIN_WINDOW);
        successes = 0;
        overloads = 0;
    }
}
