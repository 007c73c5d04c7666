package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a run reports ({@code report.*}): how often the driver prints its progress line
 * ({@link Duration#ZERO} = never), whether report.json and report.html are written under the
 * output folder, and how many distinct error messages the report keeps.
 */
public record ReportSettings(Duration progressInterval, boolean writeFiles, int topErrors)
        implements Serializable {

    /** Progress off, no files, ten error messages (for callers that build settings by hand). */
    public static final ReportSettings QUIET = new ReportSettings(Duration.ZERO, false, 10);
}
