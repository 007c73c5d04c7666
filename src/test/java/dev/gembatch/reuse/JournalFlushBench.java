package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The cost of a journal flush (docs/BENCHMARKS.md, "Journal flushes"): one task's journal on the
 * local file system, flushed back to back, each flush {@code perFlush} answers of about 1 KB
 * (default 9: 43 answers/s for 200 ms) and the {@code window} requests in flight recorded as
 * sent (default 16); prints flushes per second, wall and CPU time per flush (the 64-file merges
 * included), then the merge at the task's end and a retried attempt's read of the folder.
 * {@code jobs/bench journal [flushes] [perFlush] [window]}
 */
public final class JournalFlushBench {
    private JournalFlushBench() {
    }

    public static void main(String[] args) throws Exception {
        int flushes = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int perFlush = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Configuration conf = new Configuration();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            java.nio.file.Path dir = Files.createTempDirectory("journal-bench");
            Path hdir = new Path(dir.toUri());
            JournalTask task = new JournalTask(conf, hdir, "s0a0", PartitionClaim.register(
                    hdir.getFileSystem(conf), hdir, "s0a0", System::currentTimeMillis),
                    JournalTask.Earlier.NONE, perFlush, Long.MAX_VALUE, System::nanoTime);
            long wall0 = System.nanoTime();
            long cpu0 = cpu.getCurrentThreadCpuTime();
            long id = 0;
            for (int i = 0; i < window; i++) {
                task.sending("r" + i);
            }
            for (int f = 0; f < flushes; f++) {
                for (int a = 0; a < perFlush; a++, id++) {
                    task.sending("r" + (id + window));
                    task.append("r" + id, answer(id));
                }
            }
            double wall = (System.nanoTime() - wall0) / 1e6;
            double used = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e6;
            long end0 = System.nanoTime();
            task.close();
            double end = (System.nanoTime() - end0) / 1e6;
            long read0 = System.nanoTime();
            Map<String, Answer> read = new HashMap<>();
            Set<String> sent = new HashSet<>();
            JournalFile.readDir(conf, hdir, read, sent);
            double readMs = (System.nanoTime() - read0) / 1e6;
            System.out.printf(Locale.ROOT, "round %d: %d flushes of %d answers (+%d sent):"
                    + " %.0f flushes/s, %.2f ms wall and %.2f ms CPU per flush (merges of %d"
                    + " files included); merge at the end %.0f ms; a retry reads %d answers"
                    + " from %d file(s) in %.0f ms%n", round, flushes, perFlush, window,
                    flushes / (wall / 1000), wall / flushes, used / flushes, JournalTask.MERGE_AT,
                    end, read.size(), JournalFile.complete(conf, hdir).size(), readMs);
            hdir.getFileSystem(conf).delete(hdir, true);
        }
    }

    private static Answer answer(long id) {
        String text = "Answer " + id + ": " + "lorem ipsum dolor sit amet ".repeat(36);
        return new Answer(Status.OK, List.of(new Candidate(0, text, null, "STOP", null,
                List.of(), List.of())), null, new Usage(120, 250, null, null, null, 370),
                "gemini-2.5-flash-001", "resp-" + id, null, 1, 240L, 370L, 3,
                java.time.Instant.now(), new Billing("standard", "standard", 0.0001));
    }
}
