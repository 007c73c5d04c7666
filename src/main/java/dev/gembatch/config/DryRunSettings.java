package dev.gembatch.config;

import java.io.Serializable;

/**
 * How {@code --dry-run} estimates ({@code dry-run.*}): rows whose prompt tokens are counted,
 * rendered requests shown, and the output tokens assumed per request when no cap is set.
 */
public record DryRunSettings(int sampleRows, int showRequests, int outputTokensPerRequest)
        implements Serializable {
}
