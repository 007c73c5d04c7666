package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.RetrySettings;
import dev.gembatch.config.Timeouts;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.limit.Limiter;
import dev.gembatch.model.ApiKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds clients for tests: real timers for deadlines, but backoff waits are recorded and then
 * skipped, so a test asserts the wait the client chose instead of sleeping through it; with
 * {@link #parkBackoffs} they are instead held until {@link #releaseBackoffs()}. The listener
 * records every attempt event and keeps the count of attempts on the wire.
 */
final class Harness {
    static final String KEY = "AIzaTestKey-7f3c9e1b5d";
    static final String MODEL = "gemini-2.0-flash";

    final List<Duration> backoffs = Collections.synchronizedList(new ArrayList<>());
    final List<AttemptEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger onWire = new AtomicInteger();
    final CompletableFuture<Void> parked = new CompletableFuture<>();
    private final List<FutureTask<Void>> held = Collections.synchronizedList(new ArrayList<>());
    private ScheduledThreadPoolExecutor executor;
    volatile boolean parkBackoffs;
    double random = 0.5;

    static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10));
    }

    static GeminiSettings settings(String baseUrl) {
        return new GeminiSettings(baseUrl, ApiKey.of(KEY), GeminiSettings.AuthMode.HEADER,
                GeminiSettings.WireFormat.SSE, LimiterSettings.fixed(4), timeouts(),
                new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(60)), false,
                "gembatch/test");
    }

    static GeminiSettings withTimeouts(GeminiSettings s, Timeouts t) {
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), s.limiter(),
                t, s.retry(), s.allowInsecureHttp(), s.userAgent());
    }

    GeminiClient client(GeminiSettings settings) {
        return GeminiClient.create(settings, listener(), env(), null);
    }

    GeminiClient client(GeminiSettings settings, javax.net.ssl.SSLContext trust) {
        return GeminiClient.create(settings, listener(), env(), trust);
    }

    private AttemptListener listener() {
        return new AttemptListener() {
            @Override
            public void onAttempt(AttemptEvent e) {
                events.add(e);
            }

            @Override
            public void onSend() {
                onWire.incrementAndGet();
            }

            @Override
            public void onEnd() {
                onWire.decrementAndGet();
            }
        };
    }

    ClientClock env() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1);
        ex.setRemoveOnCancelPolicy(true);
        executor = ex;
        Limiter.Timer real = (d, task) -> ex.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        Limiter.Timer skipped = (d, task) -> {
            backoffs.add(d);
            return parkBackoffs ? park(task) : ex.schedule(task, 0, TimeUnit.NANOSECONDS);
        };
        return new ClientClock(real, skipped, () -> random, System::nanoTime, Clock.systemUTC(),
                ex::shutdownNow);
    }

    private Future<?> park(Runnable task) {
        FutureTask<Void> t = new FutureTask<>(task, null);
        held.add(t);
        parked.complete(null);
        return t;
    }

    /** Runs the backoffs held so far (those not cancelled) on the client's timer thread. */
    void releaseBackoffs() {
        synchronized (held) {
            held.forEach(executor::execute);
            held.clear();
        }
    }

    static Answer call(GeminiClient client, byte[] body) throws Exception {
        return client.send(new GeminiRequest(MODEL, body)).get(30, TimeUnit.SECONDS);
    }

    static final byte[] BODY = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}".getBytes();
}
