package dev.gembatch.job;

import dev.gembatch.config.JobSettings;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.store.AnswerStore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code jobs/run --store-compact JOB.conf} and {@code --store-stats JOB.conf}: maintenance of
 * the job's answer store ({@code store.path}); nothing is sent.
 */
final class StoreMaintenance {
    /** What to do to the store. */
    enum Task { COMPACT, STATS }

    private StoreMaintenance() {
    }

    static void run(SparkSession spark, JobSettings job, Task task, PrintStream out)
            throws InvalidInputException, IOException {
        if (!job.store().enabled()) {
            throw new InvalidInputException(List.of("store.path: not set in this job, so it has"
                    + " no answer store to " + (task == Task.COMPACT ? "compact" : "describe")));
        }
        AnswerStore store;
        try {
            store = AnswerStore.open(spark, job.store(), "");
        } catch (AnswerStore.Refused e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        }
        store.notes().forEach(out::println);
        if (task == Task.COMPACT) {
            store.compact(out);
        } else {
            store.stats(out);
        }
    }
}
