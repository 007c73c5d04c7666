package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one job needs, resolved and validated once on the driver by {@link JobConfig}.
 * {@code useEmulator} is true when {@code gemini.base-url = emulator}: the job then starts the
 * built-in emulator with {@code emulator} and points {@code gemini} at it. {@code budget},
 * {@code pricing} and {@code dryRun} bound and estimate what a run spends; {@code report} says
 * what the run reports (progress line, report files). {@code journal} says how often answers are
 * journaled and whether identical requests are sent once ({@code dedupe}). {@code answers} are
 * the answer columns in the order they run: one (unnamed, with {@code prompt} and {@code model})
 * in a plain job, several in a spreadsheet job, where {@code prompt} and {@code model} are those of
 * the first to run.
 */
public record JobSettings(InputSettings input, PromptSettings prompt, ModelSettings model,
                          OutputSettings output, GeminiSettings gemini, boolean useEmulator,
                          EmulatorKnobs emulator, SparkSettings spark, BudgetSettings budget,
                          Pricing pricing, DryRunSettings dryRun, ReportSettings report,
                          JournalSettings journal, List<AnswerColumn> answers)
        implements Serializable {

    public JobSettings {
        answers = List.copyOf(answers);
    }

    /** True when the job defines named answer columns ({@code answers}). */
    public boolean spreadsheet() {
        return answers.size() > 1 || (answers.size() == 1 && answers.get(0).name() != null);
    }
}
