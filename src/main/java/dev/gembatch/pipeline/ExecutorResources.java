package dev.gembatch.pipeline;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.transport.GeminiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-JVM state of an executor: one {@link GeminiClient} (and so one connection pool and one
 * limiter) per distinct transport settings, shared by every task running in this JVM, built on
 * first use, the retry tally its listener feeds, and the JVM's {@link GracefulStop}, which stops
 * the clients when the JVM shuts down. Thread-safe. This is the one static holder in gembatch:
 * Spark gives an executor no other place to keep state across tasks.
 */
final class ExecutorResources {
    private static final Map<GeminiSettings, GeminiClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<GeminiSettings, AttemptTally> TALLIES = new ConcurrentHashMap<>();
    private static final GracefulStop STOP = GracefulStop.install(
            () -> List.copyOf(CLIENTS.values()));

    private ExecutorResources() {
    }

    /** This JVM's client for these settings (one that sends nothing once the JVM is stopping). */
    static GeminiClient client(GeminiSettings settings) {
        return CLIENTS.computeIfAbsent(settings, s -> {
            GeminiClient client = GeminiClient.create(s, tally(s));
            if (STOP.stopping()) {
                client.stop(Duration.ZERO);
            }
            return client;
        });
    }

    /** The retry counts of this JVM's client for these settings (see {@link AttemptTally}). */
    static AttemptTally tally(GeminiSettings settings) {
        return TALLIES.computeIfAbsent(settings, s -> new AttemptTally());
    }

    /** The JVM's graceful stop, which every answering partition enters and leaves. */
    static GracefulStop stop() {
        return STOP;
    }
}
