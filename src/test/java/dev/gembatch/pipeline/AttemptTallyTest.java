package dev.gembatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.transport.AttemptEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one JVM's tally hands its tasks: retries by cause, and the requests on the wire. */
class AttemptTallyTest {

    private static AttemptEvent retried503() {
        return new AttemptEvent(1, 503, "UNAVAILABLE", true, Duration.ofSeconds(2), 40, 40L);
    }

    @Test
    void aRowInBackoffIsARetryButNotARequestOnTheWire() {
        AttemptTally tally = new AttemptTally();
        tally.onSend();
        assertEquals(1, tally.drainOnWire());

        tally.onEnd();
        tally.onAttempt(retried503());

        assertEquals(-1, tally.drainOnWire(), "the row waits out its backoff off the wire");
        assertEquals(Map.of("UNAVAILABLE", 1L), tally.drain());
    }

    @Test
    void theChangesDrainedBySeveralTasksSumToTheRequestsOnTheWire() {
        AttemptTally tally = new AttemptTally();
        long taskA = 0;
        long taskB = 0;
        for (int i = 0; i < 5; i++) {
            tally.onSend();
        }
        taskA += tally.drainOnWire();
        tally.onEnd();
        tally.onEnd();
        tally.onEnd();
        tally.onSend();
        taskB += tally.drainOnWire();
        taskA += tally.drainOnWire();

        assertEquals(5, taskA);
        assertEquals(-2, taskB);
        assertEquals(3, taskA + taskB);
    }
}
