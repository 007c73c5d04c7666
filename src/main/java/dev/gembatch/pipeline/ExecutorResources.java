package dev.gembatch.pipeline;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.transport.GeminiClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-JVM state of an executor: one {@link GeminiClient} (and so one connection pool and one
 * limiter) per distinct transport settings, shared by every task running in this JVM, built on
 * first use and closed when the JVM shuts down, and the retry tally its listener feeds.
 * Thread-safe. This is the one static holder in gembatch: Spark gives an executor no other place
 * to keep state across tasks.
 */
final class ExecutorResources {
    private static final Map<GeminiSettings, GeminiClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<GeminiSettings, AttemptTally> TALLIES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorResources::closeAll,
                "gembatch-client-shutdown"));
    }

    private ExecutorResources() {
    }

    /** This JVM's client for these settings. */
    static GeminiClient client(GeminiSettings settings) {
        return CLIENTS.computeIfAbsent(settings, s -> GeminiClient.create(s, tally(s)));
    }

    /** The retry counts of this JVM's client for these settings (see {@link AttemptTally}). */
    static AttemptTally tally(GeminiSettings settings) {
        return TALLIES.computeIfAbsent(settings, s -> new AttemptTally());
    }

    private static void closeAll() {
        CLIENTS.values().forEach(GeminiClient::close);
        CLIENTS.clear();
    }
}
