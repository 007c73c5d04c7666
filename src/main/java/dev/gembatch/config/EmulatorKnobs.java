package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Knobs of the built-in emulator ({@code gemini.emulator.*}), mapped by the job onto the
 * emulator's own options; rate limits of 0 mean unlimited; {@code extraModels} are served beside
 * the emulator's catalog of Google's models.
 */
public record EmulatorKnobs(Duration firstByteLatency, Duration chunkGap, int chunks,
                            int requestsPerMinute, int tokensPerMinute, int maxConcurrentStreams,
                            double chaosFraction, long chaosSeed, boolean http2,
                            List<String> extraModels)
        implements Serializable {
}
