package dev.gembatch.transport.limit;

import static dev.gembatch.transport.limit.Limiter.Signal.IGNORE;
import static dev.gembatch.transport.limit.Limiter.Signal.OVERLOAD;
import static dev.gembatch.transport.limit.Limiter.Signal.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.LimiterSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The adaptive limit under the fault mixes of issue 11: transient faults leave it near its
 * maximum, a storm of overloads shrinks it to its minimum, and it is back at the maximum soon
 * after. Every scenario is a seeded sequence of outcomes; nothing depends on time.
 */
class AdaptiveLimitTest {
    private static final int MAX = 64;

    private static Limiter adaptive(int min, int max) {
        return Limiter.of(new LimiterSettings(true, max, min, max));
    }

    @Test
    void aSteadyThirtyPercentOfTransientFaultsKeepsTheLimitAtItsMaximum() {
        Limiter l = adaptive(1, MAX);
        FullLoad load = new FullLoad(l, 11);
        Random faults = new Random(42);
        int lowest = MAX;

        for (int i = 0; i < 20_000; i++) {
            double d = faults.nextDouble();
            // 15 % 429/503, 15 % stalls, cuts, timeouts and other errors, 70 % answers
            load.finish(d < 0.15 ? OVERLOAD : d < 0.30 ? IGNORE : SUCCESS);
            lowest = Math.min(lowest, l.limit());
        }

        assertEquals(MAX, lowest, "the limit fell under a transient fault mix");
    }

    @Test
    void overloadsThatAreAMinorityOfAWindowLeaveTheLimitAlone() {
        Limiter l = adaptive(1, MAX);
        FullLoad load = new FullLoad(l, 3);

        for (int window = 0; window < 50; window++) {
            load.finish(MAX / 2 - 1, OVERLOAD);
            load.finish(MAX / 2 + 1, SUCCESS);
        }

        assertEquals(MAX, l.limit());
    }

    @Test
    void stallsCutsAndErrorsNeitherShrinkTheLimitNorCountTowardsAWindow() {
        Limiter l = adaptive(1, MAX);
        FullLoad load = new FullLoad(l, 5);

        for (int i = 0; i < MAX / 2 - 1; i++) {
            load.finish(OVERLOAD);
            load.finish(20, IGNORE);
        }
        assertEquals(MAX, l.limit(), "31 overloads are not half of a window of 64");
        load.finish(OVERLOAD);
        assertEquals(MAX / 2, l.limit());
    }

    @Test
    void aStormOf429sHalvesTheLimitOncePerWindowDownToItsMinimum() {
        Limiter l = adaptive(2, MAX);
        FullLoad load = new FullLoad(l, 7);

        load.finish(MAX / 2 - 1, OVERLOAD);
        assertEquals(MAX, l.limit());
        load.finish(OVERLOAD);
        assertEquals(MAX / 2, l.limit(), "half a window of overloads halves the limit once");
        load.finish(MAX / 4 - 1, OVERLOAD);
        assertEquals(MAX / 2, l.limit(), "the next window is 32 outcomes");
        load.finish(200, OVERLOAD);
        assertEquals(2, l.limit());
        assertEquals(2, load.held());
    }

    @Test
    void afterTheStormEachSuccessAddsOneUntilTheMaximum() {
        Limiter l = adaptive(1, MAX);
        FullLoad load = new FullLoad(l, 9);
        load.finish(500, OVERLOAD);
        assertEquals(1, l.limit());

        load.finish(MAX - 1, SUCCESS);

        assertEquals(MAX, l.limit());
        assertEquals(MAX, load.held());
    }

    @Test
    void aServerThatRejectsWhatExceedsItsCapacityHoldsTheLimitNearThatCapacity() {
        int capacity = 10;
        Limiter l = adaptive(1, MAX);
        FullLoad load = new FullLoad(l, 13);
        int lowest = MAX;
        int highest = 0;

        for (int tick = 0; tick < 2_000; tick++) {
            // rejections come back at once; one request within capacity is answered per tick
            load.finish(Math.max(0, load.held() - capacity), OVERLOAD);
            load.finish(SUCCESS);
            if (tick >= 200) {
                lowest = Math.min(lowest, l.limit());
                highest = Math.max(highest, l.limit());
            }
        }

        assertTrue(lowest >= capacity / 2 && highest <= 2 * capacity,
                "limit between " + lowest + " and " + highest + " for a capacity of " + capacity);
    }
}
