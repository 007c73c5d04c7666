package dev.gembatch.reuse;

import dev.gembatch.config.JournalSettings;
import dev.gembatch.model.Answer;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer journal of one output: {@code <place>.gembatch-journal/<run>/p<partition>/}, where
 * the place is the output folder or a table's state folder (see {@code OutputTarget#journal})
 * (in a spreadsheet job {@code <run>/<answer>/p<partition>/}) holds small Parquet files of
 * finished answers keyed by request_id, written by the tasks of the run while they answer, so a
 * retried task or a resumed run reuses them instead of paying again.
 * Serializable (settings, the run id and the Hadoop configuration), built on the driver.
 */
final class Journal implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private final String root;
    private final String run;
    private final String answer;
    private final JournalSettings settings;
    private final SerializableConfiguration hadoop;

    private Journal(String root, String run, String answer, JournalSettings settings,
                    SerializableConfiguration hadoop) {
        this.root = root;
        this.run = run;
        this.answer = answer;
        this.settings = settings;
        this.hadoop = hadoop;
    }

    /** A journal in the folder {@code root} for a new run. */
    static Journal at(String root, JournalSettings settings, Configuration conf) {
        return new Journal(stripSlash(root),
                "run-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString()
                        .substring(0, 8), null, settings, new SerializableConfiguration(conf));
    }

    /** The same journal, for the tasks of one answer column of a spreadsheet job. */
    Journal forAnswer(String name) {
        return new Journal(root, run, name, settings, hadoop);
    }

    /** The journal folder (all runs). */
    String root() {
        return root;
    }

    /** True when an earlier run left journal files behind. */
    boolean hasEarlierRuns() {
        try {
            Path path = new Path(root);
            FileSystem fs = path.getFileSystem(hadoop.value());
            return fs.exists(path) && fs.listStatus(path).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + root, e);
        }
    }

    /**
     * Opens the journal of one task of this run: once no other live attempt of the same
     * partition holds it (see {@link PartitionClaim}), what earlier attempts already journaled,
     * and a writer for this attempt's answers.
     */
    JournalTask open(int partition, int stageAttempt, int attempt) {
        Path runDir = new Path(root, run);
        Path dir = new Path(answer == null ? runDir : new Path(runDir, answer), "p" + partition);
        String name = "s" + stageAttempt + "a" + attempt;
        Map<String, Answer> earlier = new HashMap<>();
        Set<String> sent = new HashSet<>();
        PartitionClaim claim = null;
        try {
            claim = PartitionClaim.register(dir.getFileSystem(hadoop.value()), dir, name,
                    System::currentTimeMillis);
            claim.beat();
            claim.awaitTurn(() -> LOG.info("partition {} attempt {} waits for another attempt"
                    + " of it still answering, to reuse its journal", partition, name));
            JournalFile.readDir(hadoop.value(), dir, earlier, sent);
        } catch (IOException e) {
            release(claim);
            throw new UncheckedIOException("cannot read the journal " + dir, e);
        } catch (InterruptedException e) {
            release(claim);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal " + dir, e);
        }
        return new JournalTask(hadoop.value(), dir, name, claim,
                new JournalTask.Earlier(earlier, sent), settings.flushRows(),
                settings.flushInterval().toNanos(), System::nanoTime);
    }

    private static void release(PartitionClaim claim) {
        if (claim != null) {
            claim.close();
        }
    }

    /** Deletes the journal (every run): called once the output is written. */
    void clear() {
        try {
            Path path = new Path(root);
            path.getFileSystem(hadoop.value()).delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal " + root, e);
        }
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
