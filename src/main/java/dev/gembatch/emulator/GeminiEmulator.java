package dev.gembatch.emulator;

import java.io.IOException;
import java.util.List;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;

/**
 * The built-in Gemini stand-in: an HTTP/1.1 server on 127.0.0.1 (with {@code http2}, h2c prior
 * knowledge; with {@code tls}, HTTPS whose ALPN offers h2 at 100 streams per connection, as
 * Google's front ends do, and HTTP/1.1) that
 * answers streamGenerateContent (SSE and JSON array), generateContent and countTokens with
 * Google's byte layout, deterministic answers, scenarios, latency, quota and a concurrency cap.
 */
public final class GeminiEmulator implements AutoCloseable {
    /** Streams one h2 connection may carry at once over TLS: what Google's front ends advertise. */
    private static final int GOOGLE_H2_STREAMS = 100;
    private static final int H2C_STREAMS = 2048;
    private final HttpAsyncServer server;
    private final ScheduledThreadPoolExecutor scheduler;
    private final StatsRecorder stats;
    private final EmulatorOptions options;
    private final int port;

    private GeminiEmulator(HttpAsyncServer server, ScheduledThreadPoolExecutor scheduler, StatsRecorder stats,
                           EmulatorOptions options, int port) {
        this.server = server;
        this.scheduler = scheduler;
        this.stats = stats;
        this.options = options;
        this.port = port;
    }

    /** Starts listening on 127.0.0.1 (port 0 picks a free one); fails if the port cannot be bound. */
    public static GeminiEmulator start(EmulatorOptions options) throws IOException {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gembatch-emulator-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        StatsRecorder stats = new StatsRecorder();
        RequestHandler handler = new RequestHandler(options, stats, scheduler);
        H2ServerBootstrap bootstrap = H2ServerBootstrap.bootstrap()
                .setCanonicalHostName("127.0.0.1")
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).setSoReuseAddress(true)
                        .setBacklogSize(2048).setSelectInterval(TimeValue.ofMilliseconds(10)).build())
                .setVersionPolicy(options.tls() != null ? HttpVersionPolicy.NEGOTIATE
                        : options.http2() ? HttpVersionPolicy.FORCE_HTTP_2 : HttpVersionPolicy.FORCE_HTTP_1)
                .setH2Config(H2Config.custom().setPushEnabled(false).setMaxConcurrentStreams(
                        options.tls() != null ? GOOGLE_H2_STREAMS : H2C_STREAMS).build())
                .setIOSessionListener(new ConnectionCounter(stats))
                .register("*", () -> new Exchange(new BasicServerExchangeHandler<>(handler)));
        if (options.tls() != null) {
            bootstrap.setTlsStrategy(new H2ServerTlsStrategy(options.tls()));
        }
        HttpAsyncServer server = bootstrap.create();
        server.start();
        try {
            return new GeminiEmulator(server, scheduler, stats, options, listen(server, options));
        } catch (IOException | RuntimeException e) {
            server.close(CloseMode.IMMEDIATE);
            scheduler.shutdownNow();
            throw e;
        }
    }

    private static int listen(HttpAsyncServer server, EmulatorOptions options) throws IOException {
        int port = options.port();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        URIScheme scheme = options.tls() != null ? URIScheme.HTTPS : URIScheme.HTTP;
        try {
            ListenerEndpoint endpoint = server.listen(address, scheme).get(10, TimeUnit.SECONDS);
            return ((InetSocketAddress) endpoint.getAddress()).getPort();
        } catch (ExecutionException e) {
            throw new IOException("gembatch emulator cannot listen on 127.0.0.1:" + port, e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("gembatch emulator: no listener on 127.0.0.1:" + port + " within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the gembatch emulator", e);
        }
    }

    /**
     * Starts the emulator, prints {@code gembatch emulator listening on http://127.0.0.1:N (api key: K)}
     * and blocks until the JVM is stopped (a shutdown hook closes it).
     */
    public static void serveForever(EmulatorOptions options, PrintStream out) throws IOException {
        GeminiEmulator emulator = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "gembatch-emulator-shutdown"));
        out.println("gembatch emulator listening on " + emulator.baseUrl() + " (api key: " + emulator.apiKey() + ")");
        out.flush();
        try {
            emulator.server.awaitShutdown(TimeValue.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
        }
    }

    /** {@code http://127.0.0.1:PORT} ({@code https} with TLS), without a trailing slash. */
    public String baseUrl() {
        return (options.tls() != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The API key the emulator accepts. */
    public String apiKey() {
        return options.apiKey();
    }

    public EmulatorOptions options() {
        return options;
    }

    /** A snapshot of the counters served at {@code GET /__stats}. */
    public EmulatorStats stats() {
        return stats.snapshot();
    }

    /**
     * The arrival time ({@code System.nanoTime()} of this JVM) of every generation request since
     * the start or the last {@link #resetStats}, whatever its answer, in order of arrival.
     */
    public List<Long> requestTimes() {
        return stats.arrivals();
    }

    /** Zeroes the counters and forgets attempt history (so fail-NNNxK scenarios start over). */
    public void resetStats() {
        stats.reset();
    }

    /** Stops at once: open streams (including stalled ones) are closed, pending chunks dropped. */
    @Override
    public void close() {
        server.close(CloseMode.IMMEDIATE);
        scheduler.shutdownNow();
    }
}
