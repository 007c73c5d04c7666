package dev.gembatch.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.JournalSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two attempts of one partition never answer at once: a later attempt waits for an earlier live
 * one (a zombie of a resubmitted stage, or a speculative copy's original), then reuses all it
 * journaled; a killed attempt's marker goes stale.
 */
class PartitionClaimTest {
    private final Configuration conf = new Configuration();
    private final AtomicLong millis = new AtomicLong(1_000_000);

    @TempDir
    Path dir;

    @Test
    void aLaterAttemptIsHeldByAnEarlierLiveOneUntilItCloses() throws Exception {
        PartitionClaim first = register("s0a0");
        PartitionClaim second = register("s1a0");
        assertEquals(List.of("s0a0"), names(second.holders()));
        assertTrue(first.holders().isEmpty(), "an attempt never waits for a later one");
        first.touch();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".live-s0a0", ".live-s1a0"), files.map(f -> f.getFileName()
                    .toString()).sorted().toList(), "the markers alone, without a checksum file"
                    + " (whose chmod starts a process per write) on the local file system");
        }
        first.close();
        assertTrue(second.holders().isEmpty(), "a closed attempt holds nothing");
        second.close();
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "both markers deleted");
        }
    }

    @Test
    void aMarkerNotRenewedForTheStaleTimeNoLongerHolds() throws Exception {
        register("s0a0"); // killed: never closed, never renewed
        PartitionClaim retry = register("s0a1");
        assertEquals(1, retry.holders().size());
        millis.addAndGet(PartitionClaim.STALE - 1);
        assertEquals(1, retry.holders().size(), "not yet stale");
        millis.addAndGet(1);
        assertTrue(retry.holders().isEmpty(), "stale after " + PartitionClaim.STALE + " ms");
    }

    @Test
    void aRenewedMarkerStillHoldsAfterTheStaleTime() throws Exception {
        PartitionClaim first = register("s0a0");
        PartitionClaim retry = register("s0a1");
        assertEquals(1, retry.holders().size());
        millis.addAndGet(PartitionClaim.STALE - 1);
        first.touch();
        millis.addAndGet(1);
        assertEquals(1, retry.holders().size(), "renewed, so not stale at " + PartitionClaim.STALE
                + " ms");
    }

    @Test
    void aSecondAttemptOpenedWhileTheFirstAnswersReusesEverythingTheFirstJournals()
            throws Exception {
        Journal journal = Journal.at(dir.resolve("journal").toString(),
                new JournalSettings(50, Duration.ofMinutes(1), null, true), conf);
        JournalTask first = journal.open(3, 0, 0);
        first.append("r1", answer("one")); // buffered: 50 rows or a minute per file
        CompletableFuture<JournalTask> second = CompletableFuture.supplyAsync(
                () -> journal.open(3, 1, 0));
        assertTrue(awaitMarkers(journal.root(), 2), "the second attempt registered");
        assertFalse(second.isDone(), "the second attempt waits while the first answers");
        first.append("r2", answer("two"));
        first.close();
        JournalTask reopened = second.get(30, TimeUnit.SECONDS);
        assertEquals(answer("one"), reopened.earlier("r1"));
        assertEquals(answer("two"), reopened.earlier("r2"), "answered after the second began");
        reopened.close();
    }

    private boolean awaitMarkers(String root, int count) throws Exception {
        Path partition = Path.of(root).resolve(Files.list(Path.of(root)).findFirst().orElseThrow()
                .getFileName()).resolve("p3");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (var list = Files.list(partition)) {
                if (list.filter(p -> p.getFileName().toString()
                        .startsWith(PartitionClaim.PREFIX)).count() >= count) {
                    return true;
                }
            }
            Thread.sleep(20); // polls the condition; the assertion does not depend on time
        }
        return false;
    }

    private PartitionClaim register(String attempt) throws Exception {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri());
        return PartitionClaim.register(FileSystem.getLocal(conf), path, attempt, millis::get);
    }

    private static List<String> names(List<org.apache.hadoop.fs.Path> markers) {
        return markers.stream().map(p -> p.getName().substring(PartitionClaim.PREFIX.length()))
                .toList();
    }

    private static Answer answer(String text) {
        return new Answer(Status.OK, List.of(new Candidate(0, text, null, "STOP", null,
                List.of(), List.of())), null, new Usage(3, 4, null, null, null, 7), "m-1", "resp",
                null, 1, 5L, 9L, 2, Instant.ofEpochSecond(1_700_000_000L));
    }
}
