package dev.gembatch.transport.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The driver's accounting of one leased quota, message by message, on a manual clock. */
class LeaseLedgerTest {
    /** 10 requests a second, 5 at once. */
    private static final QuotaSettings QUOTA = QuotaSettings.of(600, 0)
            .withBurst(Duration.ofMillis(500)).leasedFromDriver();
    private final ManualTime time = new ManualTime();
    private final QuotaLeases driver = new QuotaLeases(time);

    private LeaseWire.Grant ask(String holder, double want, double used, double dropped) {
        LeaseWire.Ask a = new LeaseWire.Ask(holder, QUOTA, want, 0, 0, used, 0, dropped, 0, null);
        return LeaseWire.Grant.fromWire(LeaseNet.jdkOnly(driver.answer(LeaseNet.jdkOnly(
                a.toWire()))));
    }

    @Test
    void aLostExecutorsUnusedPermitsComeBackWhenItsLeaseEnds() {
        assertEquals(5, ask("lost", 5, 0, 0).requests());
        time.advance(Duration.ofSeconds(1)); // the bucket would hold 10 more, but 5 are out
        assertEquals(0, ask("alive", 5, 0, 0).requests());
        time.advance(LeaseLedger.LEASE.minus(Duration.ofSeconds(1)));

        assertEquals(5, ask("alive", 5, 0, 0).requests());
    }

    @Test
    void permitsReportedSpentOrDroppedMakeRoomAtOnce() {
        assertEquals(5, ask("a", 5, 0, 0).requests());
        time.advance(Duration.ofMillis(300));
        assertEquals(0, ask("b", 5, 0, 0).requests());
        ask("a", 0, 3, 2); // 3 sent, 2 expired unused: the 2 are back in the bucket

        assertEquals(2, ask("b", 5, 0, 0).requests(), "the 2 returned; nothing refills while"
                + " everything is out, spent or not");
        time.advance(Duration.ofMillis(300));
        assertEquals(2, ask("b", 5, 2, 0).requests(), "3 refilled in 300 ms; b's part of the"
                + " burst beside a is 2");
        assertEquals(1, ask("a", 5, 0, 0).requests(), "the third");
    }

    @Test
    void aGrantIsAtMostTheAskersPartOfTheBurstAmongActiveExecutors() {
        ask("idle", 0, 0, 0);
        LeaseWire.Grant g = ask("busy", 50, 0, 0);

        assertEquals(2, g.requests(), "5 at once shared by 2 active executors");
        assertEquals(0, g.retryNanos());
    }

    @Test
    void aRefusalSaysWhenToAskAgainAndContendersTakeTurns() {
        assertEquals(5, ask("a", 5, 0, 0).requests());
        LeaseWire.Grant b = ask("b", 1, 0, 0);
        LeaseWire.Grant c = ask("c", 1, 0, 0);
        assertEquals(Duration.ofMillis(100).toNanos(), b.retryNanos(), "one request refills in 100 ms");
        assertEquals(Duration.ofMillis(200).toNanos(), c.retryNanos(), "c waits behind b");
        ask("a", 0, 5, 0);
        time.advance(Duration.ofMillis(100));

        assertEquals(0, ask("c", 1, 0, 0).requests(), "the first refill is b's turn");
        assertEquals(1, ask("b", 1, 0, 0).requests());
    }

    @Test
    void oncePerDayExhaustionIsReportedEveryAskIsToldAndNothingIsGranted() {
        LeaseWire.Ask spent = new LeaseWire.Ask("a", QUOTA, 1, 0, 0, 1, 0, 0, 0, "day spent");
        LeaseWire.Grant toA = LeaseWire.Grant.fromWire(driver.answer(spent.toWire()));
        time.advance(Duration.ofMinutes(1));
        LeaseWire.Grant toB = ask("b", 5, 0, 0);

        assertEquals("day spent", toA.exhausted());
        assertEquals("day spent", toB.exhausted());
        assertEquals(0, toB.requests());
        assertEquals("day spent", ask("c", 0, 0, 0).exhausted());
    }

    @Test
    void aMessageThatIsNotALeaseIsRefused() {
        assertTrue(QuotaLeases.isLease(new LeaseWire.Ask("a", QUOTA, 1, 0, 0, 0, 0, 0, 0, null)
                .toWire()));
        assertThrows(IllegalArgumentException.class, () -> driver.answer("hello"));
    }
}
