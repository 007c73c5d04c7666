package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.Timeouts;
import java.net.URI;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HttpClient 5 async client of a {@link GeminiClient} (or {@link TokenCounter}): HTTP/2
 * negotiated by ALPN over TLS (system trust, hostname verification always on), HTTP/1.1
 * keep-alive otherwise; no automatic retries, redirects, cookies or decompression (the transport
 * does those itself, or not at all). Its own socket timeout is only a backstop behind the
 * transport's scheduled deadlines.
 */
final class HttpTransport implements AutoCloseable {
    private static final ContentType JSON = ContentType.create("application/json");
    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    private final String userAgent;

    /** {@code trust} null means the JVM's default trust store (the production case). */
    HttpTransport(GeminiSettings settings, SSLContext trust) {
        Timeouts t = settings.timeouts();
        Timeout backstop = Timeout.of(t.attempt().plus(t.connect()));
        this.pool = pool(settings, backstop, trust == null
                ? DefaultClientTlsStrategy.createSystemDefault()
                : new DefaultClientTlsStrategy(trust));
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(backstop).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(t.attempt()))
                        .setResponseTimeout(backstop).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.userAgent = settings.userAgent();
        client.start();
    }

    private static PoolingAsyncClientConnectionManager pool(GeminiSettings s, Timeout backstop,
                                                            TlsStrategy tls) {
        Timeout connect = Timeout.of(s.timeouts().connect());
        // Headroom over the limiter: a connection returns to the pool a little after its permit.
        int connections = 2 * Math.max(s.limiter().max(), s.limiter().initial());
        return PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                        .setHandshakeTimeout(connect).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(backstop)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build())
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build();
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
        AsyncRequestProducer producer = request.build();
        return client.execute(producer, consumer, null, callback);
    }

    /** One small POST whose whole response is buffered (countTokens: no stream, no gzip). */
    Future<SimpleHttpResponse> postWhole(URI uri, AuthHeader auth, byte[] body,
                                         FutureCallback<SimpleHttpResponse> callback) {
        SimpleRequestBuilder request = SimpleRequestBuilder.post(uri)
                .setHeader("User-Agent", userAgent)
                .setBody(body, JSON);
        if (auth != null) {
            request.setHeader(auth.name(), auth.value());
        }
        return client.execute(SimpleRequestProducer.create(request.build()),
                SimpleResponseConsumer.create(), callback);
    }

    /**
     * Drops every connection at once, then stops the reactor: a graceful close alone would wait
     * up to 5 s for connections still streaming, and an immediate one logs spurious errors.
     */
    @Override
    public void close() {
        pool.close(CloseMode.IMMEDIATE);
        client.close(CloseMode.GRACEFUL);
    }
}
