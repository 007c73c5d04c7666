package dev.gembatch.transport.limit;

/**
 * Additive-increase / multiplicative-decrease limit within [min, max] (fixed when min == max).
 * Each success adds 1/limit (about +1 per full window); an overload halves the limit, at most once
 * per epoch so that a burst of 429s from one window shrinks it once, not once per request.
 * Not thread-safe: {@link Limiter} guards it.
 */
final class AimdLimit {
    private static final double DECREASE = 0.5;
    private final int min;
    private final int max;
    private double value;
    private long epoch;

    AimdLimit(int initial, int min, int max) {
        this.min = min;
        this.max = max;
        this.value = initial;
    }

    int current() {
        return (int) Math.floor(value);
    }

    long epoch() {
        return epoch;
    }

    void update(Limiter.Signal signal, long permitEpoch) {
        if (signal == Limiter.Signal.SUCCESS) {
            value = Math.min(max, value + 1.0 / value);
        } else if (signal == Limiter.Signal.OVERLOAD && permitEpoch == epoch) {
            value = Math.max(min, Math.floor(value * DECREASE));
            epoch++;
        }
    }
}
