package dev.gembatch.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches one run from outside: every {@code PERIOD_MS} it reads the emulator's open streams
 * (what the server is actually serving) and this JVM's limiter limit. The limit is private state
 * of the pipeline (local mode: this JVM is the executor), read by reflection because a benchmark
 * may look where the product should not; {@link #freshClients()} closes the JVM's clients so the
 * next run starts with a new limiter, as a new job's executors would.
 */
final class LimitProbe implements AutoCloseable {
    static final long PERIOD_MS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpRequest stats;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private long samples;
    private long openSum;
    private long limitSum;
    private long limitSamples;
    private int minLimit = Integer.MAX_VALUE;
    private int lastLimit = -1;

    private LimitProbe(EmulatorProcess emulator) {
        this.stats = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__stats"))
                .timeout(Duration.ofSeconds(5)).build();
    }

    static LimitProbe start(EmulatorProcess emulator) {
        LimitProbe p = new LimitProbe(emulator);
        p.timer.scheduleAtFixedRate(p::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return p;
    }

    private void sample() {
        try {
            String body = http.send(stats, HttpResponse.BodyHandlers.ofString()).body();
            int open = JSON.readTree(body).path("openStreams").asInt();
            int limit = limit();
            synchronized (this) {
                samples++;
                openSum += open;
                if (limit >= 0) {
                    limitSum += limit;
                    limitSamples++;
                    minLimit = Math.min(minLimit, limit);
                    lastLimit = limit;
                }
            }
        } catch (Exception e) {
            // a missed sample; the next one comes in PERIOD_MS
        }
    }

    synchronized double meanOpenStreams() {
        return samples == 0 ? 0 : (double) openSum / samples;
    }

    synchronized double meanLimit() {
        return limitSamples == 0 ? 0 : (double) limitSum / limitSamples;
    }

    synchronized int minLimit() {
        return minLimit == Integer.MAX_VALUE ? -1 : minLimit;
    }

    synchronized int lastLimit() {
        return lastLimit;
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The limit of this JVM's one client, or -1 when there is none yet. */
    static int limit() throws ReflectiveOperationException {
        Map<?, ?> entries = entries();
        if (entries.isEmpty()) {
            return -1;
        }
        Object client = client(entries.values().iterator().next());
        Method limit = client.getClass().getDeclaredMethod("limit");
        limit.setAccessible(true);
        return (Integer) limit.invoke(client);
    }

    /** Closes and forgets this JVM's clients (the pipeline builds a new one on first use). */
    static void freshClients() throws Exception {
        Map<?, ?> entries = entries();
        for (Object entry : entries.values()) {
            ((AutoCloseable) client(entry)).close();
        }
        entries.clear();
    }

    /** The entries of ExecutorResources' client cache, keyed by transport settings. */
    private static Map<?, ?> entries() throws ReflectiveOperationException {
        Class<?> resources = Class.forName("dev.gembatch.pipeline.ExecutorResources");
        Object cache = field(resources, "CLIENTS", null);
        return (Map<?, ?>) field(cache.getClass(), "entries", cache);
    }

    /** The client of one cache entry (its value is a record holding the client). */
    private static Object client(Object entry) throws ReflectiveOperationException {
        Object value = field(entry.getClass(), "value", entry);
        Method client = value.getClass().getDeclaredMethod("client");
        client.setAccessible(true);
        return client.invoke(value);
    }

    private static Object field(Class<?> type, String name, Object owner)
            throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
