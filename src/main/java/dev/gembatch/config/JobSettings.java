package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one job needs, resolved and validated once on the driver by {@link JobConfig}.
 * {@code useEmulator} is true when {@code gemini.base-url = emulator}: the job then starts the
 * built-in emulator with {@code emulator} and points {@code gemini} at it. {@code budget},
 * {@code pricing} and {@code dryRun} bound and estimate what a run spends; {@code report} says
 * what the run reports (progress line, report files). {@code journal} says how often answers are
 * journaled and whether identical requests are sent once ({@code dedupe}); {@code store} where
 * answers are kept across runs (off unless {@code store.path} is set). {@code answers} are
 * the answer columns in the order they run: one, unnamed, in a plain job; several, named, in a
 * spreadsheet job. {@code origins} says where each key naming input columns was set.
 */
public record JobSettings(InputSettings input, OutputSettings output, GeminiSettings gemini, boolean useEmulator,
                          EmulatorKnobs emulator, SparkSettings spark, BudgetSettings budget,
                          Pricing pricing, DryRunSettings dryRun, ReportSettings report,
                          JournalSettings journal, StoreSettings store,
                          List<AnswerColumn> answers, KeyOrigins origins)
        implements Serializable {

    public JobSettings {
        answers = List.copyOf(answers);
    }

    /** A builder with no field set; {@link Builder#build()} needs every one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return builder().input(input).output(output).gemini(gemini).useEmulator(useEmulator)
                .emulator(emulator).spark(spark).budget(budget).pricing(pricing).dryRun(dryRun)
                .report(report).journal(journal).store(store).answers(answers)
                .origins(origins);
    }

    /** The prompt of the first answer column to run (a plain job's only one). */
    public PromptSettings prompt() {
        return answers.get(0).prompt();
    }

    /** The model settings of the first answer column to run (a plain job's only one). */
    public ModelSettings model() {
        return answers.get(0).model();
    }

    /** Builds {@link JobSettings} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(JobSettings.class);
        private InputSettings input;
        private OutputSettings output;
        private GeminiSettings gemini;
        private boolean useEmulator;
        private EmulatorKnobs emulator;
        private SparkSettings spark;
        private BudgetSettings budget;
        private Pricing pricing;
        private DryRunSettings dryRun;
        private ReportSettings report;
        private JournalSettings journal;
        private StoreSettings store;
        private List<AnswerColumn> answers;
        private KeyOrigins origins;

        private Builder() {
        }

        public Builder input(InputSettings v) { input = v; return set("input"); }
        public Builder output(OutputSettings v) { output = v; return set("output"); }
        public Builder gemini(GeminiSettings v) { gemini = v; return set("gemini"); }
        public Builder useEmulator(boolean v) { useEmulator = v; return set("useEmulator"); }
        public Builder emulator(EmulatorKnobs v) { emulator = v; return set("emulator"); }
        public Builder spark(SparkSettings v) { spark = v; return set("spark"); }
        public Builder budget(BudgetSettings v) { budget = v; return set("budget"); }
        public Builder pricing(Pricing v) { pricing = v; return set("pricing"); }
        public Builder dryRun(DryRunSettings v) { dryRun = v; return set("dryRun"); }
        public Builder report(ReportSettings v) { report = v; return set("report"); }
        public Builder journal(JournalSettings v) { journal = v; return set("journal"); }
        public Builder store(StoreSettings v) { store = v; return set("store"); }
        public Builder answers(List<AnswerColumn> v) { answers = v; return set("answers"); }
        public Builder origins(KeyOrigins v) { origins = v; return set("origins"); }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The settings; throws IllegalStateException naming every field never set. */
        public JobSettings build() {
            given.check();
            return new JobSettings(input, output, gemini, useEmulator, emulator, spark, budget,
                    pricing, dryRun, report, journal, store, answers, origins);
        }
    }
}
