package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;

/**
 * The HTTP clients of a {@link GeminiClient} (or {@link TokenCounter}, {@link ContextCaches}),
 * built by {@link AsyncClients}. HTTP/1.1: one client over a pool with a connection per request
 * in flight. HTTP/2: one client per 100 streams of the limiter's ceiling, each holding a single
 * multiplexed connection; every request goes to the one with the fewest in flight, so no
 * connection is asked for more streams than the server allows (requests beyond it would wait
 * inside the connection, not fail).
 */
final class HttpTransport implements AutoCloseable {
    private static final ContentType JSON = ContentType.create("application/json");
    private final List<CloseableHttpAsyncClient> lanes;
    private final AtomicIntegerArray inFlight;
    private final PoolingAsyncClientConnectionManager pool;
    private final String userAgent;

    /** {@code trust} null means the JVM's default trust store (the production case). */
    HttpTransport(GeminiSettings settings, SSLContext trust) {
        if (AsyncClients.speaksH2(settings)) {
            int connections = AsyncClients.h2Connections(
                    Math.max(settings.limiter().max(), settings.limiter().initial()));
            List<CloseableHttpAsyncClient> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                clients.add(AsyncClients.h2(settings, trust));
            }
            this.pool = null;
            this.lanes = List.copyOf(clients);
        } else {
            this.pool = AsyncClients.http1Pool(settings, trust);
            this.lanes = List.of(AsyncClients.http1(settings, pool));
        }
        this.inFlight = new AtomicIntegerArray(lanes.size());
        this.userAgent = settings.userAgent();
        lanes.forEach(CloseableHttpAsyncClient::start);
    }

    /** The lane with the fewest requests in flight, now counting one more. */
    private int acquire() {
        int best = 0;
        for (int i = 1; i < lanes.size(); i++) {
            if (inFlight.get(i) < inFlight.get(best)) {
                best = i;
            }
        }
        inFlight.incrementAndGet(best);
        return best;
    }

    /** Sends on the least busy lane, which counts the exchange until its callback. */
    private <T> Future<T> execute(AsyncRequestProducer producer, AsyncResponseConsumer<T> consumer,
                                  FutureCallback<T> callback) {
        LaneCall<T> call = new LaneCall<>(acquire(), callback);
        try {
            return lanes.get(call.lane).execute(producer, consumer, null, call);
        } catch (RuntimeException refused) {
            call.release();
            throw refused;
        }
    }

    /**
     * A callback that uncounts its lane once, however the exchange ends, then calls the caller's
     * callback, if it gave one (a caller that waits on the future gives none).
     */
    private final class LaneCall<T> implements FutureCallback<T> {
        private final int lane;
        private final FutureCallback<T> callback;
        private final AtomicBoolean released = new AtomicBoolean();

        LaneCall(int lane, FutureCallback<T> callback) {
            this.lane = lane;
            this.callback = callback;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet(lane);
            }
        }

        @Override
        public void completed(T result) {
            release();
            if (callback != null) {
                callback.completed(result);
            }
        }

        @Override
        public void failed(Exception ex) {
            release();
            if (callback != null) {
                callback.failed(ex);
            }
        }

        @Override
        public void cancelled() {
            release();
            if (callback != null) {
                callback.cancelled();
            }
        }
    }

    /** Starts one POST; the consumer sees the response as it streams, the callback its end. */
    Future<Void> post(URI uri, AuthHeader auth, byte[] body, Runnable onSent,
                      AsyncResponseConsumer<Void> consumer, FutureCallback<Void> callback) {
        AsyncRequestBuilder request = AsyncRequestBuilder.post(uri)
                .setHeader("Accept-Encoding", "gzip")
                .setHeader("User-Agent", userAgent)
                .setEntity(new SentSignal(AsyncEntityProducers.create(body, JSON), onSent));
        if (auth != null) {
            request.setHeader(auth.name(), auth.value());
        }
        return execute(request.build(), consumer, callback);
    }

    /** One small POST whose whole response is buffered (countTokens: no stream, no gzip). */
    Future<SimpleHttpResponse> postWhole(URI uri, AuthHeader auth, byte[] body,
                                         FutureCallback<SimpleHttpResponse> callback) {
        return whole("POST", uri, auth, body, callback);
    }

    /**
     * One small call of any method whose whole response is buffered (the cachedContents
     * resource: GET, POST, PATCH, DELETE); {@code body} null sends none.
     */
    Future<SimpleHttpResponse> whole(String method, URI uri, AuthHeader auth, byte[] body,
                                     FutureCallback<SimpleHttpResponse> callback) {
        SimpleRequestBuilder request = SimpleRequestBuilder.create(method).setUri(uri)
                .setHeader("User-Agent", userAgent);
        if (body != null) {
            request.setBody(body, JSON);
        }
        if (auth != null) {
            request.setHeader(auth.name(), auth.value());
        }
        return execute(SimpleRequestProducer.create(request.build()),
                SimpleResponseConsumer.create(), callback);
    }

    /**
     * HTTP/1.1: drops every connection at once, then stops the reactor (a graceful close alone
     * would wait up to 5 s for connections still streaming, and an immediate one logs spurious
     * errors). HTTP/2: closes each lane gracefully (an immediate close races the lane's own
     * reactor shutdown and logs a ClosedSelectorException).
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.close(CloseMode.IMMEDIATE);
        }
        lanes.forEach(lane -> lane.close(CloseMode.GRACEFUL));
    }
}
