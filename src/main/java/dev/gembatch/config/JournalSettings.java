package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a task journals its answers (a file every {@code flushRows} answers or every
 * {@code flushInterval}, whichever comes first) and whether identical requests within a run are
 * sent once ({@code dedupe}; the journal and resume need it).
 */
public record JournalSettings(int flushRows, Duration flushInterval, boolean dedupe)
        implements Serializable {
}
