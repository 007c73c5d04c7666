package dev.gembatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The executor's client cache is bounded by use (issue 12): a finished run's client is closed
 * and dropped once no task has used it for the idle time; a client in use, or used again before
 * the idle time is over, stays. The timer is a list the test fires by hand.
 */
class ClientCacheTest {
    private static final Duration IDLE = Duration.ofMinutes(1);
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Future<?>> handles = new ArrayList<>();
    private final ClientCache<String, Resource> cache = new ClientCache<>(Resource::new,
            (delay, task) -> {
                assertEquals(IDLE, delay);
                scheduled.add(task);
                CompletableFuture<Void> handle = new CompletableFuture<>();
                handles.add(handle);
                return handle;
            }, IDLE);

    /** A resource that records being closed. */
    static final class Resource implements AutoCloseable {
        final String key;
        boolean closed;

        Resource(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aFinishedRunsClientIsClosedAndDroppedAfterTheIdleTime() {
        Resource run1 = cache.acquire("run-1");
        assertSame(run1, cache.acquire("run-1"), "tasks of one run share one client");
        cache.release("run-1");
        assertTrue(scheduled.isEmpty(), "a task still uses it");
        cache.release("run-1");
        assertEquals(1, scheduled.size());
        scheduled.get(0).run();
        assertTrue(run1.closed);
        assertNull(cache.peek("run-1"));
        assertTrue(cache.all().isEmpty());
    }

    @Test
    void aClientUsedAgainBeforeTheIdleTimeIsKept() {
        Resource run1 = cache.acquire("run-1");
        cache.release("run-1");
        assertSame(run1, cache.acquire("run-1"));
        assertTrue(handles.get(0).isCancelled(), "the eviction is withdrawn");
        scheduled.get(0).run(); // fires anyway (a race with the timer): still in use
        assertFalse(run1.closed);
        assertSame(run1, cache.peek("run-1"));
    }

    @Test
    void anotherRunGetsItsOwnClientAndEachIsEvictedAlone() {
        Resource run1 = cache.acquire("run-1");
        Resource run2 = cache.acquire("run-2");
        cache.release("run-1");
        scheduled.get(0).run();
        assertTrue(run1.closed);
        assertFalse(run2.closed);
        assertEquals(List.of(run2), cache.all());
    }
}
