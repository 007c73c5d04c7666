package dev.gembatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.BudgetSettings;
import dev.gembatch.config.Price;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunBudgetTest {
    private static final Price FLASH = new Price(0.30, 2.50, 2.50, 0.03, 1.00, 0.5, 2.0);

    @Test
    void requestSharesFollowPartitionSizesAndAddUpToTheLimit() {
        RunBudget b = RunBudget.split(new BudgetSettings(10, 0, 0), FLASH,
                new long[] {30, 10, 0, 20});
        assertEquals(List.of(5L, 2L, 0L, 3L), b.requestShares());
        assertEquals(10L, b.requestShares().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void largestRemaindersGetTheRequestsLeftAfterRounding() {
        RunBudget b = RunBudget.split(new BudgetSettings(2, 0, 0), FLASH, new long[] {1, 1, 1});
        assertEquals(2L, b.requestShares().stream().mapToLong(Long::longValue).sum());
        assertTrue(b.requestShares().stream().allMatch(s -> s <= 1), b::toString);
    }

    @Test
    void aLimitAboveTheRowCountLimitsNothing() {
        RunBudget b = RunBudget.split(new BudgetSettings(100, 0, 0), FLASH, new long[] {3, 4});
        assertEquals(List.of(3L, 4L), b.requestShares());
    }

    @Test
    void aTaskStopsSendingWhenItsRequestShareIsSpent() {
        BudgetMeter meter = RunBudget.split(new BudgetSettings(3, 0, 0), FLASH,
                new long[] {2, 4}).meter(1);
        for (int i = 0; i < 2; i++) {
            assertNull(meter.exhausted());
            meter.sent();
        }
        assertNotNull(meter.exhausted());
        assertTrue(meter.exhausted().startsWith("budget.max-requests reached"));
    }

    @Test
    void tokensCountTheAnswersTotalAndStopAtTheTasksShare() {
        BudgetMeter meter = RunBudget.split(new BudgetSettings(0, 1000, 0), FLASH,
                new long[] {1, 1}).meter(0);
        meter.used(answer(new Usage(100, 300, 50, null, null, 450)));
        assertNull(meter.exhausted(), "450 of a 500-token share");
        meter.used(answer(new Usage(10, 20, null, null, null, null)));
        assertNull(meter.exhausted(), "480: no total given, prompt + output counted");
        meter.used(answer(new Usage(10, 20, null, null, null, null)));
        assertTrue(meter.exhausted().startsWith("budget.max-total-tokens reached"));
    }

    @Test
    void costIsPricedByTheModelsEntry() {
        BudgetMeter meter = RunBudget.split(new BudgetSettings(0, 0, 1.0), FLASH,
                new long[] {5}).meter(0);
        meter.used(answer(new Usage(1_000_000, 200_000, 0, null, null, null)));
        assertNull(meter.exhausted(), "$0.30 + $0.50 = $0.80 of $1");
        meter.used(answer(new Usage(0, 0, 100_000, null, null, null)));
        assertTrue(meter.exhausted().startsWith("budget.max-cost reached"), meter.exhausted());
    }

    @Test
    void withoutLimitsNothingIsCounted() {
        BudgetMeter meter = RunBudget.NONE.meter(7);
        meter.sent();
        meter.used(answer(new Usage(1, 1, 1, null, null, 3)));
        assertNull(meter.exhausted());
    }

    private static Answer answer(Usage usage) {
        return new Answer(Status.OK, List.of(), null, usage, null, null, null, 1, 1L, 1L, 1,
                Instant.EPOCH);
    }
}
