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
 * the answer columns in the order they run: one, unnamed, in a plain job; several, named, in a
 * spreadsheet job.
 */
public record JobSettings(InputSettings input, OutputSettings output, GeminiSettings gemini, boolean useEmulator,
                          EmulatorKnobs emulator, SparkSettings spark, BudgetSettings budget,
                          Pricing pricing, DryRunSettings dryRun, ReportSettings report,
                          JournalSettings journal, List<AnswerColumn> answers)
        implements Serializable {

    public JobSettings {
        answers = List.copyOf(answers);
    }

    /** The prompt of the first answer column to run (a plain job's only one). */
    public PromptSettings prompt() {
        return answers.get(0).prompt();
    }

    /** The model settings of the first answer column to run (a plain job's only one). */
    public ModelSettings model() {
        return answers.get(0).model();
    }
}
