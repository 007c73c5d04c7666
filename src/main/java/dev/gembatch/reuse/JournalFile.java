package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.store.AnswerRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Journal files: small Parquet files of the store's typed answer records
 * ({@link AnswerRecords}): finished answers by request_id, and requests sent and not answered
 * yet when the file was written (so a retried task knows which of its sends are sent again).
 * Written under a hidden name and renamed when complete, so a reader never sees a half-written
 * file; merged into one file by renaming the merged file in before deleting its sources, so a
 * stop at any point leaves every record in at least one complete file.
 */
final class JournalFile {
    private JournalFile() {
    }

    /** Writes the entries to {@code file} atomically (hidden temporary name, then rename). */
    static void write(Configuration conf, Path file, Map<String, Answer> entries,
                      Set<String> sent) throws IOException {
        Path temp = temporary(file);
        try (AnswerRecords.Writer writer = AnswerRecords.create(conf, temp)) {
            for (Map.Entry<String, Answer> e : entries.entrySet()) {
                writer.answer(e.getKey(), e.getValue());
            }
            for (String id : sent) {
                writer.sent(id);
            }
        }
        publish(conf, temp, file);
    }

    /**
     * Adds the answers of every complete journal file directly in {@code dir} (none if absent) to
     * {@code into}, and the ids of its sends without an answer to {@code sent}.
     */
    static void readDir(Configuration conf, Path dir, Map<String, Answer> into, Set<String> sent)
            throws IOException {
        AnswerRecords.Sink sink = new AnswerRecords.Sink() {
            @Override
            public void answer(String requestId, Answer answer) {
                into.put(requestId, answer);
            }

            @Override
            public void sent(String requestId) {
                sent.add(requestId);
            }
        };
        for (Path file : complete(conf, dir)) {
            AnswerRecords.read(conf, file, sink);
        }
    }

    /** The complete journal files directly in {@code dir}, none when it does not exist. */
    static List<Path> complete(Configuration conf, Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        List<Path> files = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus f : fs.listStatus(dir, JournalFile::isComplete)) {
                files.add(f.getPath());
            }
        }
        return files;
    }

    /** True for a complete journal file's name (not hidden, not temporary). */
    static boolean isComplete(Path file) {
        return file.getName().endsWith(".parquet") && !file.getName().startsWith(".");
    }

    /**
     * Merges {@code sources} into the new file {@code target} (hidden name, renamed in), keeping
     * the records of sends {@code keepSent} accepts, then deletes the sources.
     */
    static void merge(Configuration conf, List<Path> sources, Path target,
                      Predicate<String> keepSent) throws IOException {
        Path temp = temporary(target);
        AnswerRecords.merge(conf, sources, temp, keepSent);
        publish(conf, temp, target);
        FileSystem fs = target.getFileSystem(conf);
        for (Path source : sources) {
            fs.delete(source, false);
        }
    }

    private static Path temporary(Path file) {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    private static void publish(Configuration conf, Path temp, Path file) throws IOException {
        if (!file.getFileSystem(conf).rename(temp, file)) {
            throw new IOException("cannot rename " + temp + " to " + file);
        }
    }
}
