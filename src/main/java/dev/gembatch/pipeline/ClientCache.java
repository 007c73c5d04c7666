package dev.gembatch.pipeline;

import dev.gembatch.transport.limit.Limiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Values built once per key and shared by the tasks of a JVM, counted by the tasks using them:
 * one that no task has used for {@code idle} is closed and dropped, so on a long-lived executor a
 * finished run's client (its reactor threads, connection pool and limiter) does not outlive the
 * run. Thread-safe; the eviction runs on the injected timer.
 */
final class ClientCache<K, V extends AutoCloseable> {
    private final Function<K, V> factory;
    private final Limiter.Timer timer;
    private final Duration idle;
    private final Map<K, Entry<V>> entries = new HashMap<>();

    ClientCache(Function<K, V> factory, Limiter.Timer timer, Duration idle) {
        this.factory = factory;
        this.timer = timer;
        this.idle = idle;
    }

    /** The value for {@code key}, built on first use; {@link #release} it once when done. */
    synchronized V acquire(K key) {
        Entry<V> e = entries.computeIfAbsent(key, k -> new Entry<>(factory.apply(k)));
        e.users++;
        if (e.eviction != null) {
            e.eviction.cancel(false);
            e.eviction = null;
        }
        return e.value;
    }

    /** One user of {@code key} is done; the last one arms the idle eviction. */
    synchronized void release(K key) {
        Entry<V> e = entries.get(key);
        if (e != null && --e.users == 0) {
            e.eviction = timer.after(idle, () -> evict(key, e));
        }
    }

    /** The value for {@code key} while some task uses it, else null. */
    synchronized V peek(K key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value;
    }

    /** Every value held now. */
    synchronized List<V> all() {
        return entries.values().stream().map(e -> e.value).toList();
    }

    private void evict(K key, Entry<V> e) {
        synchronized (this) {
            if (e.users > 0 || entries.get(key) != e) {
                return;
            }
            entries.remove(key);
        }
        try {
            e.value.close();
        } catch (Exception ignored) {
            // closing an idle client frees threads; a failure there cannot affect any row
        }
    }

    private static final class Entry<V> {
        private final V value;
        private int users;
        private Future<?> eviction;

        Entry(V value) {
            this.value = value;
        }
    }
}
