package dev.gembatch.transport.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A limiter kept full, as a busy executor keeps it: whenever a permit is released, every permit
 * the limit allows is taken again at once. Which held request finishes next is drawn from a
 * seeded random, so a scenario replays exactly.
 */
final class FullLoad {
    private final Limiter limiter;
    private final Random order;
    private final List<Limiter.Permit> held = new ArrayList<>();
    private CompletableFuture<Limiter.Permit> waiting;

    FullLoad(Limiter limiter, long seed) {
        this.limiter = limiter;
        this.order = new Random(seed);
        topUp();
    }

    /** One held request ends with {@code signal}; the freed slots are taken again. */
    void finish(Limiter.Signal signal) {
        held.remove(order.nextInt(held.size())).release(signal);
        topUp();
    }

    /** {@code n} held requests end with {@code signal}, one after the other. */
    void finish(int n, Limiter.Signal signal) {
        for (int i = 0; i < n; i++) {
            finish(signal);
        }
    }

    /** Requests holding a permit. */
    int held() {
        return held.size();
    }

    private void topUp() {
        while (true) {
            if (waiting == null) {
                waiting = limiter.acquire();
            }
            if (!waiting.isDone()) {
                return;
            }
            held.add(waiting.join());
            waiting = null;
        }
    }
}
