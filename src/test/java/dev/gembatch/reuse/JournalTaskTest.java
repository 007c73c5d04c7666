package dev.gembatch.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.JournalSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.store.AnswerRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's journal: when it writes files, and what a later attempt of the partition reads. */
class JournalTaskTest {
    private static final long SECOND = 1_000_000_000L;
    private final Configuration conf = new Configuration();
    private final AtomicLong now = new AtomicLong();

    @TempDir
    Path dir;

    @Test
    void aFileIsWrittenEveryFlushRowsAnswers() throws Exception {
        JournalTask task = task(3, 60);
        for (int i = 0; i < 7; i++) {
            task.append("r" + i, answer("text " + i));
        }
        assertEquals(2, files(), "7 answers at 3 per file: 2 files, 1 answer buffered");
        assertEquals(6, task.written());
        task.close();
        assertEquals(3, files(), "a folder of at most " + JournalTask.MERGE_AT
                + " files is left as it is when the task ends");
        assertEquals(7, task.written());
        for (int i = 0; i < 7; i++) {
            assertEquals(answer("text " + i), retryOfTheSamePartition().earlier("r" + i));
        }
    }

    @Test
    void everyMergeAtFilesOfARunningTaskAreMergedIntoOne() throws Exception {
        JournalTask first = task(1, 60);
        first.sending("never answered");
        first.append("r0", answer("text 0"));
        first.close();
        JournalTask task = new JournalTask(conf, new org.apache.hadoop.fs.Path(dir.toUri()),
                "s0a1", claim("s0a1"), JournalTask.Earlier.NONE, 1, 60 * SECOND, now::get);
        for (int i = 1; i <= JournalTask.MERGE_AT + 2; i++) {
            task.append("r" + i, answer("text " + i));
        }
        assertEquals(4, files(), "the first attempt's file, " + JournalTask.MERGE_AT
                + " files merged into one, and the last two");
        task.close();
        assertEquals(4, files(), "four files: left as they are");
        JournalTask retry = retryOfTheSamePartition();
        for (int i = 0; i <= JournalTask.MERGE_AT + 2; i++) {
            assertEquals(answer("text " + i), retry.earlier("r" + i));
        }
        assertTrue(retry.sentEarlier("never answered"), "a send without an answer is kept");
    }

    @Test
    void aFolderThatWouldStillHoldMoreThanMergeAtFilesIsMergedWholeAtATasksEnd()
            throws Exception {
        int answers = 0;
        for (String died : List.of("s0a0", "s0a2")) { // attempts never closed: no merge at end
            JournalTask attempt = new JournalTask(conf, new org.apache.hadoop.fs.Path(dir.toUri()),
                    died, claim(died), JournalTask.Earlier.NONE, 1, 60 * SECOND, now::get);
            for (int i = 0; i < JournalTask.MERGE_AT - 1; i++) {
                attempt.append("r" + answers, answer("text " + answers));
                answers++;
            }
        }
        assertEquals(2 * (JournalTask.MERGE_AT - 1), files());
        JournalTask task = new JournalTask(conf, new org.apache.hadoop.fs.Path(dir.toUri()),
                "s0a1", claim("s0a1"), JournalTask.Earlier.NONE, 1, 60 * SECOND, now::get);
        task.sending("in flight at the end");
        task.append("a", answer("a"));
        task.close();
        assertEquals(1, files(), "126 files and 2 more: the whole folder merged into one");
        JournalTask retry = retryOfTheSamePartition();
        for (int i = 0; i < answers; i++) {
            assertEquals(answer("text " + i), retry.earlier("r" + i));
        }
        assertEquals(answer("a"), retry.earlier("a"));
        assertTrue(retry.sentEarlier("in flight at the end"));
    }

    @Test
    void aLongTasksMergedFilesAreNotMergedAgainAtItsEnd() throws Exception {
        JournalTask task = task(1, 60);
        int since = JournalTask.MERGE_AT - 2;
        int flushes = 3 * JournalTask.MERGE_AT + since;
        for (int i = 0; i < flushes; i++) {
            task.append("r" + i, answer("text " + i));
        }
        assertEquals(3 + since, files(), "three merged files and " + since + " since");
        task.close();
        assertEquals(3 + 1, files(), "more than " + JournalTask.MERGE_AT + " files: the "
                + since + " merged into one; the merged files kept");
        JournalTask retry = retryOfTheSamePartition();
        for (int i = 0; i < flushes; i++) {
            assertEquals(answer("text " + i), retry.earlier("r" + i));
        }
    }

    @Test
    void aBufferedAnswerIsWrittenOnceTheFlushIntervalHasPassed() throws Exception {
        JournalTask task = task(100, 2);
        assertEquals(Long.MAX_VALUE, task.millisUntilDue());
        task.append("r1", answer("one"));
        now.addAndGet(SECOND);
        task.append("r2", answer("two"));
        assertEquals(1000, task.millisUntilDue(), "measured from the oldest buffered answer");
        task.flushIfDue();
        assertEquals(0, files());
        now.addAndGet(SECOND);
        assertEquals(0, task.millisUntilDue());
        task.flushIfDue();
        assertEquals(1, files());
        assertEquals(2, task.written());
    }

    @Test
    void aLaterAttemptOfThePartitionReadsWhatEarlierAttemptsJournaled() throws Exception {
        JournalTask first = task(2, 60);
        first.append("r1", answer("one"));
        first.append("r2", answer("two"));
        first.append("r3", answer("never flushed: the attempt died"));
        Files.writeString(dir.resolve(".s0a0-9.parquet.tmp"), "half-written file of a dead task");

        JournalTask retry = retryOfTheSamePartition();
        assertEquals(answer("one"), retry.earlier("r1"));
        assertEquals(answer("two"), retry.earlier("r2"));
        assertNull(retry.earlier("r3"));
    }

    @Test
    void anAttemptThatStopsEarlyRecordsItsSendsWithoutAnAnswerAndNoAnswerForThem()
            throws Exception {
        JournalTask first = task(100, 60);
        first.sending("r1");
        first.sending("r2");
        first.append("r1", answer("one"));
        first.close();

        JournalTask retry = retryOfTheSamePartition();
        assertEquals(answer("one"), retry.earlier("r1"));
        assertNull(retry.earlier("r2"), "a send without an answer is no answer");
        assertTrue(retry.sentEarlier("r2"), "sending it again is a re-send");
        assertFalse(retry.sentEarlier("r1"), "answered: never sent again");
        assertFalse(retry.sentEarlier("r3"), "never sent");
        assertEquals(1, first.written());
    }

    @Test
    void aSendInFlightOverSeveralFlushesIsRecordedOnce() throws Exception {
        JournalTask task = task(1, 60);
        task.sending("slow");
        for (int i = 0; i < 3; i++) {
            task.sending("r" + i);
            task.append("r" + i, answer("text " + i));
        }
        assertEquals(3, files());
        assertEquals(List.of("slow"), sentRecords(), "recorded by the first file only");
        JournalTask retry = retryOfTheSamePartition();
        assertTrue(retry.sentEarlier("slow"));
        assertFalse(retry.sentEarlier("r1"), "sent and answered between two flushes");
    }

    @Test
    void aMergeDropsTheSendsAnsweredSinceAndKeepsThoseStillInFlight() throws Exception {
        JournalTask task = task(1, 60);
        task.sending("answered later");
        task.sending("still in flight");
        for (int i = 0; i < JournalTask.MERGE_AT - 1; i++) {
            task.append("r" + i, answer("text " + i));
        }
        task.append("answered later", answer("late"));
        assertEquals(1, files(), JournalTask.MERGE_AT + " files merged into one");
        assertEquals(List.of("still in flight"), sentRecords());
        JournalTask retry = retryOfTheSamePartition();
        assertEquals(answer("late"), retry.earlier("answered later"));
        assertTrue(retry.sentEarlier("still in flight"));
        for (int i = 0; i < JournalTask.MERGE_AT - 1; i++) {
            assertEquals(answer("text " + i), retry.earlier("r" + i));
        }
    }

    /** The request ids of every send record in the folder's complete files. */
    private List<String> sentRecords() throws Exception {
        List<String> sent = new ArrayList<>();
        for (org.apache.hadoop.fs.Path file : JournalFile.complete(conf,
                new org.apache.hadoop.fs.Path(dir.toUri()))) {
            AnswerRecords.read(conf, file, new AnswerRecords.Sink() {
                @Override
                public void answer(String requestId, Answer answer) {
                }

                @Override
                public void sent(String requestId) {
                    sent.add(requestId);
                }
            });
        }
        return sent;
    }

    private JournalTask retryOfTheSamePartition() throws Exception {
        Map<String, Answer> earlier = new HashMap<>();
        Set<String> sent = new HashSet<>();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri());
        JournalFile.readDir(conf, path, earlier, sent);
        return new JournalTask(conf, path, "s0a1", claim("s0a1"),
                new JournalTask.Earlier(earlier, sent), 2, 60 * SECOND, now::get);
    }

    @Test
    void theJournalOfAnOutputLivesBesideItAndIsClearedWholly() throws Exception {
        Journal journal = Journal.at(OutputTarget.journalOf(dir.resolve("out/").toString()),
                new JournalSettings(1, Duration.ofSeconds(1), null, true), conf);
        assertEquals(dir.resolve("out") + ".gembatch-journal", journal.root());
        JournalTask task = journal.open(4, 0, 0);
        task.append("r1", answer("one"));
        task.close();
        assertEquals(answer("one"), journal.open(4, 0, 1).earlier("r1"));
        assertNull(journal.open(5, 0, 1).earlier("r1"), "another partition's journal");
        assertEquals(true, journal.hasEarlierRuns());
        journal.clear();
        assertEquals(false, Files.exists(Path.of(journal.root())));
    }

    private JournalTask task(int rows, int seconds) {
        return new JournalTask(conf, new org.apache.hadoop.fs.Path(dir.toUri()), "s0a0",
                claim("s0a0"), JournalTask.Earlier.NONE, rows, seconds * SECOND, now::get);
    }

    private PartitionClaim claim(String attempt) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri());
            return PartitionClaim.register(path.getFileSystem(conf), path, attempt,
                    System::currentTimeMillis);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static Answer answer(String text) {
        return new Answer(Status.OK, List.of(new Candidate(0, text, null, "STOP", null,
                List.of(), List.of())), null, new Usage(3, 4, null, null, null, 7), "m-1", "resp",
                null, 1, 5L, 9L, 2, Instant.ofEpochSecond(1_700_000_000L));
    }
}
