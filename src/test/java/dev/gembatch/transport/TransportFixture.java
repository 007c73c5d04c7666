package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.limit.ManualTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every transport test shares, as a JUnit 5 extension ({@code @RegisterExtension
 * final TransportFixture net = new TransportFixture();}): the scripted servers and clients made
 * through it are closed after each test. A client's deadlines (and quota waits) run on {@link
 * #clock}, a {@link ManualTime} that only the test moves, so no test waits on a real timer for a
 * deadline ({@link #expire}); its backoff waits are recorded and skipped ({@link
 * RecordedBackoffs}); its jitter is {@link #random}; its listener records every attempt event
 * and keeps the count of attempts on the wire.
 */
final class TransportFixture implements AfterEachCallback {
    static final String MODEL = "gemini-2.0-flash";
    static final byte[] BODY = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}".getBytes();

    final ManualTime clock = new ManualTime();
    final List<AttemptEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger onWire = new AtomicInteger();
    volatile double random = 0.5;
    private final RecordedBackoffs backoffs = new RecordedBackoffs();
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private ScriptedServer server;

    /** A server on 127.0.0.1 answering with {@code replies} (the last one repeats). */
    ScriptedServer serve(ScriptedServer.Reply... replies) throws IOException {
        server = closedAfter(new ScriptedServer(replies));
        return server;
    }

    /** The server {@link #serve} started last. */
    ScriptedServer server() {
        return server;
    }

    /** {@link TestSettings#settings} aimed at the server started last. */
    GeminiSettings settings() {
        return TestSettings.settings(server.baseUrl());
    }

    /** A client of the server started last, with the default settings. */
    GeminiClient client() {
        return client(settings());
    }

    GeminiClient client(GeminiSettings settings) {
        return client(settings, null);
    }

    /** {@code trust} other than null replaces the JVM's trust store (a loopback TLS server). */
    GeminiClient client(GeminiSettings settings, SSLContext trust) {
        ClientClock time = new ClientClock(clock, backoffs, () -> random, clock,
                Clock.systemUTC(), () -> { });
        return closedAfter(GeminiClient.create(settings, new Recorder(), time, trust));
    }

    /** Sends the test request; the future completes when the row has its outcome. */
    static CompletableFuture<Answer> send(GeminiClient client) {
        return client.send(new GeminiRequest(MODEL, BODY));
    }

    /** Sends the test request and waits (at most 30 s) for its answer. */
    static Answer call(GeminiClient client) throws Exception {
        return send(client).get(30, TimeUnit.SECONDS);
    }

    /**
     * Waits until a deadline of {@code length} is armed, then moves the clock by as much: the
     * deadline fires, on this thread.
     */
    void expire(Duration length) throws InterruptedException {
        clock.awaitArmed(length::equals);
        clock.advance(length);
    }

    /** Every backoff wait the clients chose, in order. */
    List<Duration> backoffs() {
        return backoffs.waits;
    }

    /** From now on retries wait in backoff until {@link #releaseBackoffs()}. */
    void parkBackoffs() {
        backoffs.park = true;
    }

    /** Completes when a retry is first held in backoff. */
    CompletableFuture<Void> parked() {
        return backoffs.parked;
    }

    void releaseBackoffs() {
        backoffs.release();
    }

    /** Closes {@code thing} after the test, before what was opened earlier. */
    <T extends AutoCloseable> T closedAfter(T thing) {
        synchronized (opened) {
            opened.push(thing);
        }
        return thing;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable c = pop(); c != null; c = pop()) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        backoffs.shutdown();
        if (first != null) {
            throw first;
        }
    }

    private AutoCloseable pop() {
        synchronized (opened) {
            return opened.poll();
        }
    }

    /** Records attempt events and counts the attempts on the wire. */
    private final class Recorder implements AttemptListener {
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
    }
}
