package dev.gembatch.bench.e2e;

import dev.gembatch.bench.e2e.TransportBench.Sender;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * HttpClient 5's async client alone, for {@link TransportBench}: the streaming POSTs gembatch
 * sends (gzip accepted, the emulator's key), with what gembatch's transport turns off turned off
 * (automatic retries, redirects, cookies, auth caching, decompression); each response's body is
 * counted and dropped, so no gunzip and no decoding is measured.
 */
final class HttpClientAlone {
    private HttpClientAlone() {
    }

    /** HTTP/1.1, a connection per request in flight. */
    static Sender http1(URI uri, int inFlight) {
        return new Http1(uri, inFlight);
    }

    /** HTTP/2 (prior knowledge over http), one connection per 100 streams. */
    static Sender h2(URI uri, int inFlight) {
        return new H2(uri, inFlight);
    }

    /** HTTP/1.1: one pool, a connection per request in flight. */
    private static final class Http1 implements Sender {
        private final PoolingAsyncClientConnectionManager pool;
        private final CloseableHttpAsyncClient client;
        private final URI uri;

        Http1(URI uri, int inFlight) {
            this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(2 * inFlight).setMaxConnPerRoute(2 * inFlight).build();
            this.client = HttpAsyncClients.custom().setConnectionManager(pool)
                    .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                    .disableAuthCaching().disableContentCompression().build();
            this.uri = uri;
            client.start();
        }

        @Override
        public void send(byte[] body, Consumer<Boolean> done) {
            client.execute(request(uri, body), new Dropping(), null, new Outcome(done));
        }

        @Override
        public void close() {
            pool.close(CloseMode.IMMEDIATE);
            client.close(CloseMode.GRACEFUL);
        }
    }

    /** HTTP/2: one client and connection per 100 streams, used in turn. */
    private static final class H2 implements Sender {
        private final List<CloseableHttpAsyncClient> lanes = new ArrayList<>();
        private final URI uri;
        private int next;

        H2(URI uri, int inFlight) {
            for (int i = 0; i < (inFlight + 99) / 100; i++) {
                CloseableHttpAsyncClient lane = HttpAsyncClients.customHttp2()
                        .setH2Config(H2Config.custom().setPushEnabled(false).build())
                        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                        .disableAutomaticRetries().disableRedirectHandling()
                        .disableCookieManagement().disableAuthCaching().build();
                lane.start();
                lanes.add(lane);
            }
            this.uri = uri;
        }

        @Override
        public void send(byte[] body, Consumer<Boolean> done) {
            next = (next + 1) % lanes.size();
            lanes.get(next).execute(request(uri, body), new Dropping(), null, new Outcome(done));
        }

        @Override
        public void close() {
            lanes.forEach(lane -> lane.close(CloseMode.GRACEFUL));
        }
    }

    /** Counts a response's body bytes and drops them; its result is the status code. */
    private static final class Dropping extends AbstractBinResponseConsumer<Integer> {
        private int code;
        private long bytes;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            code = response.getCode();
        }

        @Override
        protected int capacityIncrement() {
            return 1 << 20;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            bytes += src.remaining();
            src.position(src.limit());
        }

        @Override
        protected Integer buildResult() {
            return bytes > 0 ? code : -1;
        }

        @Override
        public void releaseResources() {
            // nothing held
        }
    }

    /** The POST gembatch's transport sends, with the emulator's key. */
    private static AsyncRequestProducer request(URI uri, byte[] body) {
        return AsyncRequestBuilder.post(uri)
                .setHeader("Accept-Encoding", "gzip").setHeader("User-Agent", "gembatch/bench")
                .setHeader("x-goog-api-key", "emulator-key")
                .setEntity(AsyncEntityProducers.create(body, ContentType.APPLICATION_JSON))
                .build();
    }

    /** Reports whether an exchange ended with a 200 and a body. */
    private record Outcome(Consumer<Boolean> done) implements FutureCallback<Integer> {
        @Override
        public void completed(Integer code) {
            done.accept(code == 200);
        }

        @Override
        public void failed(Exception ex) {
            done.accept(false);
        }

        @Override
        public void cancelled() {
            done.accept(false);
        }
    }
}
