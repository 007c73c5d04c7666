package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.model.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's headline writes counts as the progress line does (issue 13 item 8). */
class RunTotalsTest {
    @Test
    void theHeadlineGroupsThousandsAsTheProgressLineDoes() {
        RunTotals plain = new RunTotals("out/x", Map.of(Status.OK, 2_990L, Status.FAILED, 10L),
                0, 0, 0, 40_000);
        assertEquals("gembatch: 3,000 rows written to out/x in 40.0 s", plain.headline());
        RunTotals sheet = new RunTotals("out/y", Map.of(Status.OK, 6_000L), 0, 0, 0, 1_500,
                List.of(), RunTotals.Recovery.NONE, 2, RunTotals.StoreUse.OFF);
        assertEquals("gembatch: 3,000 rows (6,000 answers in 2 answer columns) written to out/y"
                + " in 1.5 s", sheet.headline());
    }
}
