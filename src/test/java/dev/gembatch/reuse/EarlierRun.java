package dev.gembatch.reuse;

import dev.gembatch.config.JournalSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.output.OutputTarget;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** For job tests: the journal an earlier run of an output left behind when it was stopped. */
public final class EarlierRun {
    private EarlierRun() {
    }

    /** Journals {@code answers} (by request_id) as a task of an earlier run of the output did. */
    public static void journaled(String outputPath, JournalSettings settings,
                                 Map<String, Answer> answers) {
        try (JournalTask task = Journal.at(OutputTarget.journalOf(outputPath), settings,
                new Configuration())
                .open(0, 0, 0)) {
            answers.forEach(task::append);
        }
    }
}
