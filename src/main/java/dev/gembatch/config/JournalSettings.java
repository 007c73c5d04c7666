package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a task journals its answers (a file every {@code flushRows} answers or every
 * {@code flushInterval}, whichever comes first), where ({@code path}: a folder holding one
 * journal per output; null: beside the output) and whether identical requests within a run are
 * sent once ({@code dedupe}; the journal and resume need it).
 */
public record JournalSettings(int flushRows, Duration flushInterval, String path,
                              boolean dedupe) implements Serializable {
}
