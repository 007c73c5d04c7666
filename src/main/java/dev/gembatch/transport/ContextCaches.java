package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The driver's side of a run's explicit context caches: removes what a killed run of the same
 * job left (by display name), creates each cache, keeps every cache of that display name alive
 * while the run lasts (PATCH ttl every third of the TTL, also the caches an executor made again
 * after one went missing, see {@link CacheBook}) and deletes them all on {@link #close()}, also
 * when the run failed. What it could not delete expires by its own TTL. Creation failures are
 * IOExceptions (key redacted); keeping and deleting are best effort and said in {@link #notes()}.
 */
public final class ContextCaches implements AutoCloseable {
    private final HttpTransport http;
    private final Signer signer;
    private final CacheCalls calls;
    private final ScheduledExecutorService keeper;
    private final List<Kept> kept = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A cache this run made: its spec (named), its tokens and when it was made (nanoTime). */
    public record Kept(CacheSpec spec, long tokens, long createdNanos, long deletedNanos) {
        /** How long it was stored (until now while it is not deleted). */
        public Duration stored() {
            long end = deletedNanos == 0 ? System.nanoTime() : deletedNanos;
            return Duration.ofNanos(end - createdNanos);
        }
    }

    private ContextCaches(GeminiSettings settings) {
        Endpoint endpoint = Endpoint.of(settings);
        this.http = new HttpTransport(settings, null);
        this.signer = Signer.of(settings, endpoint);
        this.calls = new CacheCalls(endpoint, signer, http, settings.apiKey(),
                settings.timeouts().connect().plus(settings.timeouts().firstByte()));
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gembatch-cache-keeper");
            t.setDaemon(true);
            return t;
        });
    }

    /** Caches of the endpoint in {@code settings}; IllegalArgumentException as GeminiClient. */
    public static ContextCaches open(GeminiSettings settings) {
        return new ContextCaches(settings);
    }

    /** Deletes the caches a killed run left under {@code displayName}; how many there were. */
    public int sweep(String displayName) throws IOException {
        List<CacheCalls.Held> left = calls.list(displayName);
        for (CacheCalls.Held h : left) {
            calls.delete(h.name());
        }
        return left.size();
    }

    /**
     * Creates the cache {@code spec} describes (after sweeping its display name) and keeps it
     * alive; the spec named after the new cache, for the requests to name.
     */
    public synchronized Kept create(CacheSpec spec) throws IOException {
        int orphans = sweep(spec.displayName());
        if (orphans > 0) {
            notes.add("context cache: deleted " + orphans + " cache(s) left by an earlier run of"
                    + " this job (" + spec.displayName() + ")");
        }
        CacheCalls.Held held = calls.now(calls.create(spec));
        Kept k = new Kept(spec.named(held.name()), held.tokens(), System.nanoTime(), 0);
        kept.add(k);
        long every = Math.max(1, spec.ttl().toMillis() / 3);
        keeper.scheduleWithFixedDelay(() -> extend(spec), every, every, TimeUnit.MILLISECONDS);
        return k;
    }

    private void extend(CacheSpec spec) {
        try {
            for (CacheCalls.Held h : calls.list(spec.displayName())) {
                calls.extend(h.name(), spec.ttl());
            }
        } catch (IOException e) {
            synchronized (this) {
                notes.add("context cache: could not extend " + spec.displayName() + ": "
                        + e.getMessage());
            }
        }
    }

    /** The caches this run made, with how long each was stored. */
    public synchronized List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** What went wrong while keeping or deleting, and the orphans swept. */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** Stops keeping and deletes every cache of each display name this run used. */
    @Override
    public synchronized void close() {
        keeper.shutdownNow();
        for (int i = 0; i < kept.size(); i++) {
            Kept k = kept.get(i);
            try {
                sweep(k.spec().displayName());
            } catch (IOException e) {
                notes.add("context cache: could not delete " + k.spec().name() + " (it expires"
                        + " by its TTL of " + k.spec().ttl().toSeconds() + " s): " + e.getMessage());
            }
            kept.set(i, new Kept(k.spec(), k.tokens(), k.createdNanos(), System.nanoTime()));
        }
        http.close();
        signer.close();
    }
}
