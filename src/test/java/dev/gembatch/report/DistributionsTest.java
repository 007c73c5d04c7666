package dev.gembatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded structures behind the report: histogram percentiles, timeline, error groups. */
class DistributionsTest {

    @Test
    void percentilesFallInsideTheBucketOfTheTrueValue() {
        Histogram h = new Histogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.add(ms);
        }
        assertEquals(1000, h.count());
        assertEquals(1000, h.max());
        assertBetween(300, 700, h.quantile(0.5));   // true 500, bucket 300..500 or 500..700
        assertBetween(700, 1000, h.quantile(0.95)); // true 950
        assertBetween(700, 1000, h.quantile(0.99)); // true 990
        assertEquals(500.5, h.mean(), 1e-9);
    }

    @Test
    void aSingleValueIsItsOwnEveryPercentile() {
        Histogram h = new Histogram();
        h.add(42);
        assertEquals(42, h.quantile(0.5));
        assertEquals(42, h.quantile(0.99));
    }

    @Test
    void hugeLatenciesLandInTheLastBucketAndMergeAddsUp() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        a.add(5);
        b.add(50_000_000);
        a.merge(b);
        assertEquals(2, a.count());
        assertEquals(1, a.bucketCount(a.buckets() - 1));
        assertEquals(50_000_000, a.quantile(1.0));
    }

    @Test
    void timelineStaysBoundedOverALongRunAndKeepsEveryRow() {
        Timeline t = new Timeline();
        long start = 1_700_000_000L;
        for (long s = 0; s < 10 * 3600; s += 3) {
            t.add(start + s);
        }
        assertTrue(t.buckets().size() <= Timeline.MAX_BUCKETS, "buckets " + t.buckets().size());
        assertEquals(12_000, t.buckets().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(t.width() > 1);
    }

    @Test
    void timelinesOfDifferentWidthsMergeAtTheCoarserWidth() {
        Timeline fine = new Timeline();
        fine.add(100);
        fine.add(101);
        Timeline coarse = new Timeline();
        for (long s = 0; s < 1000; s++) {
            coarse.add(s);
        }
        fine.merge(coarse);
        assertEquals(coarse.width(), fine.width());
        assertEquals(1002, fine.buckets().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void errorGroupsCountBySampleKeysAndOverflowIntoOthers() {
        ErrorGroups e = new ErrorGroups();
        for (int i = 0; i < 5; i++) {
            e.add("TIMEOUT", "row deadline", "row-" + i);
        }
        e.add("UNAVAILABLE", "overloaded", "row-9");
        for (int i = 0; i < ErrorGroups.MAX_GROUPS + 7; i++) {
            e.add("INTERNAL", "distinct message " + i, null);
        }
        List<ErrorGroups.Group> top = e.top(2);
        assertEquals("TIMEOUT", top.get(0).status());
        assertEquals(5, top.get(0).count());
        assertEquals(List.of("row-0", "row-1", "row-2"), top.get(0).sampleKeys());
        assertEquals(9, e.others());
    }

    @Test
    void longMessagesAreCut() {
        ErrorGroups e = new ErrorGroups();
        e.add("X", "m".repeat(5000), "k");
        assertEquals(ErrorGroups.MAX_MESSAGE + 1, e.top(1).get(0).message().length());
    }

    @Test
    void progressLineShowsDoneOfTotalRateInFlightAndEta() {
        Map<Metric, Long> v = Map.of(Metric.OK, 40L, Metric.FAILED, 5L, Metric.SKIPPED, 5L,
                Metric.BLOCKED, 2L, Metric.SENT, 60L, Metric.ON_WIRE, 13L, Metric.RETRIES, 3L,
                Metric.TOKENS_IN, 1234L, Metric.TOKENS_OUT, 5678L);
        ProgressLine line = new ProgressLine(v, 200, 10_000);
        assertEquals(52, line.done());
        assertEquals(13, line.inFlight());
        assertEquals("gembatch: 52/200 rows (26.0%) | 5.2 rows/s | in flight 13"
                + " | tokens in 1,234 out 5,678 | retries 3 | failed 5 | blocked 2 | ETA 28s",
                line.text());
    }

    @Test
    void progressLineWithoutTotalOrRateHasNoEta() {
        ProgressLine line = new ProgressLine(Map.of(), -1, 0);
        assertTrue(line.text().startsWith("gembatch: 0 rows | 0.0 rows/s"), line.text());
        assertTrue(line.text().endsWith("ETA ?"), line.text());
        assertEquals("3m07s", ProgressLine.duration(187));
        assertEquals("2h05m", ProgressLine.duration(7500));
    }

    private static void assertBetween(long low, long high, long value) {
        assertTrue(value >= low && value <= high, value + " not in " + low + ".." + high);
    }

    @Test
    void dedupedRunShowsAnsweredRequestsBeforeItsRowsAreJoinedBack() {
        Map<Metric, Long> v = new EnumMap<>(Metric.class);
        v.put(Metric.SENT, 10L);
        v.put(Metric.ANSWERED, 6L);
        ProgressLine line = new ProgressLine(v, 12, 2_000);
        assertEquals(6, line.done());
    }

    @Test
    void dedupedRunShowsFailedAndBlockedAnswersBeforeItsRowsAreJoinedBack() {
        // issue 13 item 1: in the default (deduplicated) mode rows are counted only when the
        // write joins them back, so the live line counts the answers of each status meanwhile
        Map<Metric, Long> v = Map.of(Metric.ANSWERED, 300L, Metric.ANSWERS_FAILED, 7L,
                Metric.ANSWERS_BLOCKED, 12L);
        String text = new ProgressLine(v, 400, 30_000).text();
        assertTrue(text.contains("| failed 7 | blocked 12 |"), text);
        Map<Metric, Long> joined = Map.of(Metric.OK, 370L, Metric.FAILED, 10L,
                Metric.BLOCKED, 20L, Metric.ANSWERS_FAILED, 7L, Metric.ANSWERS_BLOCKED, 12L);
        String end = new ProgressLine(joined, 400, 60_000).text();
        assertTrue(end.contains("| failed 10 | blocked 20 |"), "rows once joined: " + end);
    }

    @Test
    void inFlightIsRequestsOnTheWireNotRowsWaitingForAPermitOrInBackoff() {
        // issue 11: 64 rows handed to the client, none answered yet, 2 stalled streams open
        Map<Metric, Long> v = Map.of(Metric.SENT, 64L, Metric.ON_WIRE, 2L);
        ProgressLine line = new ProgressLine(v, 3_000, 60_000);
        assertEquals(2, line.inFlight());
        assertTrue(line.text().contains("| in flight 2 |"), line.text());
    }

    @Test
    void aRetryFailedRunCountsOnlyTheRequestsItSendsAndNamesTheRowsItReuses() {
        // issue 13 item 2: retrying 5 failed rows of 3,000 printed "3/3,000 rows ... ETA 6h56m"
        Map<Metric, Long> v = Map.of(Metric.ANSWERED, 3L);
        String text = new ProgressLine(v, 5, 30_000, 2_995).text();
        assertTrue(text.startsWith("gembatch: 3/5 rows (60.0%) to send, 2,995 reused | 0.1"
                + " rows/s |"), text);
        assertTrue(text.endsWith("| ETA 20s"), text);
    }

    @Test
    void aFailedTasksShareOfTheGaugeNeverMakesInFlightNegative() {
        assertEquals(0, new ProgressLine(Map.of(Metric.ON_WIRE, -3L), 10, 1_000).inFlight());
    }
}
