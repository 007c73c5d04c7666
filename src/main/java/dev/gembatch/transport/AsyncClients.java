package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HttpClient 5 async clients of an {@link HttpTransport}: TLS with the system trust
 * (or a given one) and hostname verification always on; no automatic retries, redirects,
 * cookies or decompression (the transport does those itself, or not at all). The socket
 * timeouts are only backstops behind the transport's scheduled deadlines.
 */
final class AsyncClients {
    /** Streams one h2 connection carries at once: what Google's front ends advertise. */
    private static final int H2_STREAMS_PER_CONNECTION = 100;

    private AsyncClients() {
    }

    /** Whether these settings speak HTTP/2 ({@code auto}: to Google's own https hosts only). */
    static boolean speaksH2(GeminiSettings settings) {
        return switch (settings.httpVersion()) {
            case H2 -> true;
            case HTTP1 -> false;
            case AUTO -> isGoogleHost(URI.create(settings.baseUrl()));
        };
    }

    /** {@code https://} to a host under googleapis.com (the Gemini API, Vertex AI). */
    private static boolean isGoogleHost(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme()) && host.endsWith(".googleapis.com");
    }

    /** How many h2 connections carry {@code inFlight} requests at 100 streams each (>= 1). */
    static int h2Connections(int inFlight) {
        return Math.max(1, (inFlight + H2_STREAMS_PER_CONNECTION - 1) / H2_STREAMS_PER_CONNECTION);
    }

    /** An HTTP/1.1 pool sized for the limiter, with headroom (a connection returns a little after its permit). */
    static PoolingAsyncClientConnectionManager http1Pool(GeminiSettings s, SSLContext trust) {
        int connections = 2 * Math.max(s.limiter().max(), s.limiter().initial());
        Timeout connect = Timeout.of(s.timeouts().connect());
        return PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls(trust))
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(connect).build())
                .setDefaultConnectionConfig(connectionConfig(s))
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build();
    }

    /** The HTTP/1.1 client over {@code pool}. */
    static CloseableHttpAsyncClient http1(GeminiSettings s, PoolingAsyncClientConnectionManager pool) {
        return HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(backstop(s)).build())
                .setDefaultRequestConfig(requestConfig(s))
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * One HTTP/2 client: a single connection (ALPN h2 over https, prior knowledge over http)
     * multiplexing the streams given to it, on one I/O thread.
     */
    static CloseableHttpAsyncClient h2(GeminiSettings s, SSLContext trust) {
        return HttpAsyncClients.customHttp2()
                .setTlsStrategy(tls(trust))
                .setH2Config(H2Config.custom().setPushEnabled(false).build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1)
                        .setSoTimeout(backstop(s)).build())
                .setDefaultConnectionConfig(connectionConfig(s))
                .setDefaultRequestConfig(requestConfig(s))
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    private static TlsStrategy tls(SSLContext trust) {
        return trust == null ? DefaultClientTlsStrategy.createSystemDefault()
                : new DefaultClientTlsStrategy(trust);
    }

    private static Timeout backstop(GeminiSettings s) {
        return Timeout.of(s.timeouts().attempt().plus(s.timeouts().connect()));
    }

    private static ConnectionConfig connectionConfig(GeminiSettings s) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(s.timeouts().connect()))
                .setSocketTimeout(backstop(s))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2)).build();
    }

    private static RequestConfig requestConfig(GeminiSettings s) {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(s.timeouts().attempt()))
                .setResponseTimeout(backstop(s)).build();
    }
}
