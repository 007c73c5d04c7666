package dev.gembatch.config;

import java.util.List;
import java.util.Map;

/**
 * Settings as reference.conf gives them, loaded through {@link JobConfig#parse} (the library
 * entry point: no input or output path) for the smallest valid job: a prompt column and a model.
 * Tests start from these with {@code toBuilder()} and set only what they are about, so their
 * defaults never drift from reference.conf.
 */
public final class ReferenceSettings {
    /** The API key the settings carry (from the GEMINI_API_KEY the loader is given). */
    public static final String API_KEY = "reference-test-key";
    /** {@code prompt.column} of the job. */
    public static final String PROMPT_COLUMN = "text";
    /** {@code model.name} of the job. */
    public static final String MODEL = "gemini-2.5-flash";

    private static final JobSettings JOB = load();

    private ReferenceSettings() {
    }

    /** The whole job. */
    public static JobSettings job() {
        return JOB;
    }

    public static GeminiSettings gemini() {
        return JOB.gemini();
    }

    public static ModelSettings model() {
        return JOB.model();
    }

    public static PromptSettings prompt() {
        return JOB.prompt();
    }

    private static JobSettings load() {
        String job = "prompt.column = " + PROMPT_COLUMN + "\nmodel.name = " + MODEL + "\n";
        try {
            return JobConfig.parse(job, List.of(), Map.of("GEMINI_API_KEY", API_KEY));
        } catch (InvalidConfigException e) {
            throw new IllegalStateException("reference.conf and the smallest job do not load", e);
        }
    }
}
