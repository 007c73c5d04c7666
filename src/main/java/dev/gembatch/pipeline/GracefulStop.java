package dev.gembatch.pipeline;

import dev.gembatch.transport.GeminiClient;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * An executor JVM's graceful stop on SIGTERM (preemption, eviction, spot reclaim, a stopped job):
 * every client stops taking rows and gives its requests on the wire their shutdown grace to
 * finish; then each partition answering in this JVM emits and journals what was answered and
 * fails its task (see {@link AnsweringIterator}), so Spark runs it again and nothing unanswered is
 * ever written as a row. It runs as a Hadoop shutdown hook ahead of Spark's own (priority
 * {@value #PRIORITY} against Spark's 40), while the task threads, the SparkContext and the file
 * systems are still up, and waits for the partitions at most their grace plus
 * {@link #FLUSH_WAIT}. Thread-safe.
 */
final class GracefulStop {
    /** Above Spark's shutdown hook (FileSystem's 10 + 30), so it runs first. */
    static final int PRIORITY = 60;
    /** How long the partitions get, after the grace, to emit and flush their journals. */
    static final Duration FLUSH_WAIT = Duration.ofSeconds(20);
    private int answering;
    private boolean stopping;

    /** Registers the stop of {@code clients}; called once per JVM. */
    static GracefulStop install(Supplier<Collection<GeminiClient>> clients) {
        GracefulStop stop = new GracefulStop();
        ShutdownHookManager.get().addShutdownHook(() -> stop.run(clients), PRIORITY,
                Duration.ofMinutes(30).toSeconds(), TimeUnit.SECONDS);
        return stop;
    }

    /**
     * A partition starts answering in this JVM; call the returned action once when its task
     * ends, however it ends. A partition that starts once the stop has begun sends nothing and
     * is not waited for.
     */
    synchronized Runnable enter() {
        if (stopping) {
            return () -> { };
        }
        answering++;
        return this::leave;
    }

    private synchronized void leave() {
        answering--;
        notifyAll();
    }

    /** True once the JVM is shutting down. */
    synchronized boolean stopping() {
        return stopping;
    }

    private void run(Supplier<Collection<GeminiClient>> all) {
        synchronized (this) {
            stopping = true;
        }
        Collection<GeminiClient> clients = all.get();
        Duration grace = clients.stream().map(GeminiClient::shutdownGrace)
                .max(Duration::compareTo).orElse(Duration.ZERO);
        clients.parallelStream().forEach(c -> c.stop(grace));
        awaitPartitions(System.nanoTime() + FLUSH_WAIT.toNanos());
    }

    private synchronized void awaitPartitions(long deadline) {
        try {
            for (long left = deadline - System.nanoTime(); answering > 0 && left > 0;
                    left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
