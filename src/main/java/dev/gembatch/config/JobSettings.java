package dev.gembatch.config;

import java.io.Serializable;

/**
 * Everything one job needs, resolved and validated once on the driver by {@link JobConfig}.
 * {@code useEmulator} is true when {@code gemini.base-url = emulator}: the job then starts the
 * built-in emulator with {@code emulator} and points {@code gemini} at it. {@code budget},
 * {@code pricing} and {@code dryRun} bound and estimate what a run spends; {@code report} says
 * what the run reports (progress line, report files).
 */
public record JobSettings(InputSettings input, PromptSettings prompt, ModelSettings model,
                          OutputSettings output, GeminiSettings gemini, boolean useEmulator,
                          EmulatorKnobs emulator, SparkSettings spark, BudgetSettings budget,
                          Pricing pricing, DryRunSettings dryRun, ReportSettings report)
        implements Serializable {
}
