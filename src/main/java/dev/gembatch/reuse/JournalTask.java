package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task attempt's view of the journal: the answers earlier attempts of its partition already
 * journaled (and the requests they sent without an answer), and a buffer of this attempt's
 * answers written as one file every {@code flushRows} answers or once the oldest buffered answer
 * is {@code flushInterval} old. Each file also records the requests sent since the last file and
 * not yet answered, so that a request in flight over several flushes is recorded as sent once.
 * So that many small files never make a resume slow, every {@value #MERGE_AT} files of this
 * attempt are merged into one. When the task ends, a partition's folder of at most
 * {@value #MERGE_AT} files is left as it is; a larger one has the files written since the last
 * merge merged into one, or, when it would still hold more than {@value #MERGE_AT} files (a very
 * long task, or many attempts: it holds the partition's claim), is merged whole. Files are not
 * merged again at every end: when the run succeeds the journal is deleted unread, so rewriting
 * answers at each task's end would only cost CPU. A merge of this attempt's files drops the
 * records of sends answered since (their answers are journaled).
 * Used by the task's own thread only; the clock is injected.
 */
final class JournalTask implements AutoCloseable {
    /** Files of one attempt merged into one while it runs. */
    static final int MERGE_AT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(JournalTask.class);
    private final Configuration conf;
    private final Path dir;
    private final String prefix;
    private final PartitionClaim claim;
    private final Earlier earlier;
    private final int flushRows;
    private final long flushNanos;
    private final LongSupplier clock;
    private final Map<String, Answer> buffer = new LinkedHashMap<>();
    private final Set<String> pending = new HashSet<>();
    /** The sends of {@code pending} no file records yet. */
    private final Set<String> unrecorded = new LinkedHashSet<>();
    private final List<Path> unmerged = new ArrayList<>();
    private long oldest;
    private int files;
    private long written;
    private boolean closed;

    /** What earlier attempts of the partition journaled: answers, and sends without one. */
    record Earlier(Map<String, Answer> answers, Set<String> sent) {
        static final Earlier NONE = new Earlier(Map.of(), Set.of());
    }

    JournalTask(Configuration conf, Path dir, String prefix, PartitionClaim claim, Earlier earlier,
                int flushRows, long flushNanos, LongSupplier clock) {
        this.conf = conf;
        this.dir = dir;
        this.prefix = prefix;
        this.claim = claim;
        this.earlier = earlier;
        this.flushRows = flushRows;
        this.flushNanos = flushNanos;
        this.clock = clock;
    }

    /** The answer an earlier attempt of this partition journaled for this request, or null. */
    Answer earlier(String requestId) {
        return earlier.answers().get(requestId);
    }

    /** True when an earlier attempt of this partition sent this request and journaled no answer. */
    boolean sentEarlier(String requestId) {
        return earlier.sent().contains(requestId);
    }

    /** Notes a request being sent; it is journaled as sent until its answer is appended. */
    void sending(String requestId) {
        pending.add(requestId);
        unrecorded.add(requestId);
    }

    /** Buffers one finished answer; writes a file when the buffer is full. */
    void append(String requestId, Answer answer) {
        if (buffer.isEmpty()) {
            oldest = clock.getAsLong();
        }
        pending.remove(requestId);
        unrecorded.remove(requestId);
        buffer.put(requestId, answer);
        if (buffer.size() >= flushRows) {
            flush();
        }
    }

    /** Writes the buffer if its oldest answer has waited the flush interval. */
    void flushIfDue() {
        if (!buffer.isEmpty() && clock.getAsLong() - oldest >= flushNanos) {
            flush();
        }
    }

    /** Milliseconds until {@link #flushIfDue()} has work (Long.MAX_VALUE when the buffer is empty). */
    long millisUntilDue() {
        if (buffer.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long nanos = flushNanos - (clock.getAsLong() - oldest);
        return Math.max(0, (nanos + 999_999) / 1_000_000);
    }

    /** Answers written to journal files by this attempt. */
    long written() {
        return written;
    }

    /**
     * Writes what is buffered, then releases the partition's claim: at the task's end, when it
     * stops early (then the requests still pending are recorded as sent), or when it failed.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!buffer.isEmpty() || !unrecorded.isEmpty()) {
                flush();
            }
            mergeEnd();
        } finally {
            claim.close();
        }
    }

    private void flush() {
        Path file = new Path(dir, prefix + "-" + files + ".parquet");
        try {
            JournalFile.write(conf, file, buffer, unrecorded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal file " + file, e);
        }
        files++;
        written += buffer.size();
        buffer.clear();
        unrecorded.clear();
        unmerged.add(file);
        if (unmerged.size() >= MERGE_AT) {
            merge(new ArrayList<>(unmerged), new Path(dir, prefix + "-" + files + "m.parquet"),
                    pending::contains);
            unmerged.clear();
        }
    }

    /**
     * At the task's end, when the partition's folder holds more than {@value #MERGE_AT} files:
     * this attempt's files since its last merge merged into one, or the whole folder when that
     * would still leave more than {@value #MERGE_AT} files.
     */
    private void mergeEnd() {
        try {
            List<Path> all = JournalFile.complete(conf, dir);
            int left = all.size() - unmerged.size() + Math.min(1, unmerged.size());
            if (left > MERGE_AT) { // earlier attempts' sends kept: their answers are not known here
                merge(all, new Path(dir, prefix + "-end.parquet"), id -> true);
            } else if (all.size() > MERGE_AT && unmerged.size() > 1) {
                merge(new ArrayList<>(unmerged), new Path(dir, prefix + "-end.parquet"),
                        pending::contains);
            }
            unmerged.clear();
        } catch (IOException e) {
            LOG.warn("the journal folder {} stays unmerged: {}", dir, e.toString());
        }
    }

    /**
     * Merges {@code sources} into {@code target}, keeping the records of sends {@code keepSent}
     * accepts; a failure leaves them as they were (still complete, only more files to read), so
     * it is logged, not thrown.
     */
    private void merge(List<Path> sources, Path target, Predicate<String> keepSent) {
        try {
            JournalFile.merge(conf, sources, target, keepSent);
        } catch (IOException e) {
            LOG.warn("journal files in {} stay unmerged: {}", dir, e.toString());
        }
    }

}
