package dev.gembatch.transport;

import dev.gembatch.stream.ApiError;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One client's (so one JVM's) view of the job's context caches: which cache its requests name
 * now. A request answered that its cache is gone (expired early, deleted by hand) makes this JVM
 * create the same cache once more, under the same display name, so the driver's TTL keeper and
 * final delete find it too; the row is sent again once that is done. Should the cache go missing
 * again, or the re-creation fail, this JVM's later requests carry the shared part themselves
 * (the full request, as without a cache): the answer is the same, only the price differs. No
 * row is ever FAILED for a missing cache. Thread-safe.
 */
final class CacheBook {
    private final Function<CacheSpec, CompletableFuture<CacheCalls.Held>> create;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** The cache of one spec on this JVM; guarded by itself. */
    private static final class Slot {
        private String name;
        private boolean recreated;
        private CompletableFuture<Void> recreating;

        Slot(String name) {
            this.name = name;
        }
    }

    /** {@code create}: makes a cache (in a client, {@code CacheCalls::create}). */
    CacheBook(Function<CacheSpec, CompletableFuture<CacheCalls.Held>> create) {
        this.create = create;
    }

    /** The cache a request of {@code spec} names now, or null: send the full request. */
    String current(CacheSpec spec) {
        Slot slot = slot(spec);
        synchronized (slot) {
            return slot.name;
        }
    }

    /**
     * The cache {@code stale} is gone: completes once the request may be sent again (a new
     * cache made once per JVM, or none: the full request). Never completes exceptionally.
     */
    CompletableFuture<Void> missing(CacheSpec spec, String stale) {
        Slot slot = slot(spec);
        synchronized (slot) {
            if (slot.recreating != null) {
                return slot.recreating;
            }
            if (!stale.equals(slot.name)) {
                return CompletableFuture.completedFuture(null);
            }
            if (slot.recreated) {
                slot.name = null;
                return CompletableFuture.completedFuture(null);
            }
            slot.recreated = true;
            slot.name = null;
            // set before the creation can end: one that ends at once (on this thread) clears it
            CompletableFuture<Void> done = new CompletableFuture<>();
            slot.recreating = done;
            create.apply(spec).whenComplete((held, failure) -> {
                synchronized (slot) {
                    slot.name = held == null ? null : held.name();
                    slot.recreating = null;
                }
                done.complete(null);
            });
            return done;
        }
    }

    /**
     * True when an attempt that named the cache {@code cacheName} (null: none) was answered that
     * it does not exist: Google's 403 PERMISSION_DENIED "CachedContent not found (or permission
     * denied)", or a 404 naming cachedContents.
     */
    static boolean lost(String cacheName, AttemptResult r) {
        ApiError e = cacheName == null || r.assembled() == null ? null : r.assembled().error();
        if (e == null || e.message() == null) {
            return false;
        }
        String m = e.message();
        return e.code() == 403 && m.contains("CachedContent not found")
                || e.code() == 404 && m.contains("cachedContents/");
    }

    private Slot slot(CacheSpec spec) {
        return slots.computeIfAbsent(spec.displayName(), k -> new Slot(spec.name()));
    }
}
