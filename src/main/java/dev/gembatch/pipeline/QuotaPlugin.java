package dev.gembatch.pipeline;

import dev.gembatch.transport.limit.Limiter;
import dev.gembatch.transport.limit.QuotaLeases;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Spark's plugin for gembatch's leased quota ({@code spark.plugins=dev.gembatch.pipeline.QuotaPlugin},
 * which the command line's session sets): on the driver it answers the executors' lease messages
 * with {@link QuotaLeases}; on each executor it hands the JVM's clients the channel to the driver
 * (Spark's own authenticated RPC between the application's JVMs; nothing listens anywhere new
 * and the API key never travels). It holds no settings: each message names its quota.
 */
public final class QuotaPlugin implements SparkPlugin {
    /** The class name {@code spark.plugins} lists. */
    public static final String NAME = QuotaPlugin.class.getName();

    @Override
    public DriverPlugin driverPlugin() {
        return new Driver();
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new Executor();
    }

    /** True when {@code plugins} (the value of spark.plugins) lists this plugin. */
    public static boolean listedIn(String plugins) {
        for (String name : plugins.split(",")) {
            if (name.strip().equals(NAME)) {
                return true;
            }
        }
        return false;
    }

    /** The driver's side: one {@link QuotaLeases} for the application. */
    private static final class Driver implements DriverPlugin {
        private final QuotaLeases leases = QuotaLeases.system();

        @Override
        public Object receive(Object message) {
            return leases.answer(message);
        }
    }

    /** The executor's side: gives this JVM's clients the channel while the executor lives. */
    private static final class Executor implements ExecutorPlugin {
        private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gembatch-quota-lease");
            t.setDaemon(true);
            return t;
        });

        @Override
        public void init(PluginContext ctx, Map<String, String> extraConf) {
            ExecutorResources.leases(new Channel(ctx, asker));
        }

        @Override
        public void shutdown() {
            asker.shutdownNow();
        }
    }

    /** Asks the driver on the plugin's own thread, so no caller ever waits for the RPC. */
    private record Channel(PluginContext ctx, ExecutorService asker)
            implements Limiter.LeaseChannel {
        @Override
        public String holder() {
            return ctx.executorID();
        }

        @Override
        public CompletableFuture<Object> ask(Object message) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return ctx.ask(message);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, asker);
        }
    }
}
