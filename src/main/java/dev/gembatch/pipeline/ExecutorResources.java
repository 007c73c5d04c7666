package dev.gembatch.pipeline;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.transport.GeminiClient;
import dev.gembatch.transport.limit.Limiter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The per-JVM state of an executor: one {@link GeminiClient} (and so one connection pool and one
 * limiter) per distinct transport settings, shared by every task running in this JVM, built on
 * first use, with the retry tally its listener feeds; a client no task has used for
 * {@link #IDLE} (a finished run's) is closed and dropped (see {@link ClientCache}). The JVM's
 * {@link GracefulStop} stops the clients when the JVM shuts down; the channel to the driver's quota
 * ledger ({@link QuotaPlugin}) is kept here too. Thread-safe. This is the one static holder in
 * gembatch: Spark gives an executor no other place to keep state across tasks.
 */
final class ExecutorResources {
    /** How long a client no task uses is kept for the next task of the same run. */
    static final Duration IDLE = Duration.ofMinutes(2);
    private static final ScheduledExecutorService EVICTIONS =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gembatch-client-eviction");
                t.setDaemon(true);
                return t;
            });
    private static final ClientCache<GeminiSettings, Resources> CLIENTS = new ClientCache<>(
            ExecutorResources::build, (delay, task) -> EVICTIONS.schedule(task,
                    delay.toNanos(), TimeUnit.NANOSECONDS), IDLE);
    private static final GracefulStop STOP = GracefulStop.install(
            () -> CLIENTS.all().stream().map(Resources::client).toList());
    /** The channel to the driver's quota ledger, set by {@link QuotaPlugin} on an executor. */
    private static volatile Limiter.LeaseChannel leases;

    private ExecutorResources() {
    }

    /** A client and the tally its listener feeds; closing it closes the client. */
    private record Resources(GeminiClient client, AttemptTally tally) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private static Resources build(GeminiSettings settings) {
        AttemptTally tally = new AttemptTally();
        Limiter.LeaseChannel channel = leases;
        if (settings.quota().leased() && settings.quota().limited() && channel == null) {
            throw new IllegalStateException("the quota is leased from the driver, but this JVM"
                    + " runs no " + QuotaPlugin.NAME + " (spark.plugins)");
        }
        GeminiClient client = GeminiClient.create(settings, tally, channel);
        if (STOP.stopping()) {
            client.stop(Duration.ZERO);
        }
        return new Resources(client, tally);
    }

    /**
     * This JVM's client for these settings (one that sends nothing once the JVM is stopping),
     * held for the current task until it ends.
     */
    static GeminiClient client(GeminiSettings settings) {
        GeminiClient client = CLIENTS.acquire(settings).client();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) t -> CLIENTS.release(settings));
        } else {
            CLIENTS.release(settings); // outside a task: nothing marks the end of its use
        }
        return client;
    }

    /**
     * The retry counts of this JVM's client for these settings (see {@link AttemptTally}); call
     * after {@link #client} in the same task.
     */
    static AttemptTally tally(GeminiSettings settings) {
        return CLIENTS.peek(settings).tally();
    }

    /** The executor's channel to the driver's quota ledger (its {@link QuotaPlugin} calls this). */
    static void leases(Limiter.LeaseChannel channel) {
        leases = channel;
    }

    /** The JVM's graceful stop, which every answering partition enters and leaves. */
    static GracefulStop stop() {
        return STOP;
    }
}
