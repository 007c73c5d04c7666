package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How {@code --dry-run} estimates ({@code dry-run.*}): rows whose prompt tokens are counted,
 * rendered requests shown, the output tokens assumed per request when no cap is set, and how long
 * the run is expected to take (a context cache's storage is priced for that long).
 */
public record DryRunSettings(int sampleRows, int showRequests, int outputTokensPerRequest,
                             Duration expectedRunTime)
        implements Serializable {
}
