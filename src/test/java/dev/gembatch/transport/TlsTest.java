package dev.gembatch.transport;

import static dev.gembatch.transport.TransportFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS on loopback with a self-signed certificate (src/test/resources, SAN 127.0.0.1) on a server
 * whose ALPN offers h2 and HTTP/1.1: {@code http-version = h2} speaks HTTP/2, {@code auto} (the
 * default) HTTP/1.1 to this host, which is not Google's; a body cut short fails its own h2 stream
 * and no other; and the certificate is verified, never trusted blindly, in either version.
 */
class TlsTest {
    @RegisterExtension
    final TransportFixture net = new TransportFixture();
    private static final String HELD = "{\"contents\":[{\"parts\":[{\"text\":\"held\"}]}]}";
    private static final String CUT = "{\"contents\":[{\"parts\":[{\"text\":\"cut\"}]}]}";
    private final List<String> versions = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> heldArrived = new CompletableFuture<>();
    private volatile Runnable heldTrigger;
    private HttpAsyncServer server;
    private String baseUrl;

    @BeforeEach
    void startServer() throws Exception {
        server = H2ServerBootstrap.bootstrap()
                .setCanonicalHostName("127.0.0.1")
                .setTlsStrategy(new H2ServerTlsStrategy(LoopbackCertificate.serverContext()))
                .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                .register("*", new Handler())
                .create();
        server.start();
        ListenerEndpoint ep = server.listen(new InetSocketAddress(
                InetAddress.getByName("127.0.0.1"), 0), URIScheme.HTTPS).get(10, TimeUnit.SECONDS);
        baseUrl = "https://127.0.0.1:" + ((InetSocketAddress) ep.getAddress()).getPort();
    }

    @AfterEach
    void stopServer() {
        server.close(CloseMode.IMMEDIATE);
    }

    @Test
    void httpVersionH2SpeaksHttp2NegotiatedByAlpn() throws Exception {
        Answer a = call(net.client(h2(), LoopbackCertificate.trustingContext()));

        assertEquals(Status.OK, a.status(), String.valueOf(a.error()));
        assertEquals(List.of("HTTP/2.0"), versions);
    }

    @Test
    void autoSpeaksHttp11ToAHostThatIsNotGooglesEvenWhenItOffersH2() throws Exception {
        Answer a = call(net.client(TestSettings.settings(baseUrl),
                LoopbackCertificate.trustingContext()));

        assertEquals(Status.OK, a.status(), String.valueOf(a.error()));
        assertEquals(List.of("HTTP/1.1"), versions);
    }

    @ParameterizedTest
    @EnumSource(value = GeminiSettings.HttpVersion.class, names = {"H2", "HTTP1"})
    void certificateNotInTheTrustStoreIsRefused(GeminiSettings.HttpVersion version) throws Exception {
        GeminiSettings settings = TestSettings.settings(baseUrl).toBuilder().httpVersion(version).build();
        Answer a = call(net.client(settings));

        assertEquals(Status.FAILED, a.status());
        assertEquals("UNREACHABLE", a.error().status());
        assertTrue(a.error().message().contains("SSL"), a.error().message());
        assertEquals(settings.retry().maxAttempts(), a.attempts());
        assertTrue(versions.isEmpty());
    }

    private GeminiSettings h2() {
        return TestSettings.settings(baseUrl).toBuilder()
                .httpVersion(GeminiSettings.HttpVersion.H2).build();
    }

    @Test
    void onH2ABodyCutShortFailsItsOwnStreamAndNotTheOthersOnTheConnection() throws Exception {
        GeminiClient client = net.client(h2(), LoopbackCertificate.trustingContext());
        CompletableFuture<Answer> held = client.send(new GeminiRequest(TransportFixture.MODEL,
                HELD.getBytes(StandardCharsets.UTF_8)));
        heldArrived.get(10, TimeUnit.SECONDS);
        Answer cut = client.send(new GeminiRequest(TransportFixture.MODEL,
                CUT.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        Answer a = held.get(30, TimeUnit.SECONDS);

        assertEquals(Status.OK, a.status(), String.valueOf(a.error()));
        assertEquals(1, a.attempts(), "the held stream was never cut off with its connection");
        assertEquals(Status.FAILED, cut.status());
        assertTrue(cut.error().message().contains("gzip"), cut.error().message());
        assertTrue(versions.stream().allMatch("HTTP/2.0"::equals), versions::toString);
    }

    /**
     * Answers every request with a captured SSE stream and notes the protocol it came in. A body
     * naming {@link #HELD} is answered only once one naming {@link #CUT} has been given a gzip
     * body without its trailer (so both share the connection when the cut one arrives).
     */
    private final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {
        @Override
        public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(HttpRequest request,
                EntityDetails details, HttpContext context) {
            return new BasicRequestConsumer<>(details == null ? null : new BasicAsyncEntityConsumer());
        }

        @Override
        public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger,
                           HttpContext context) throws org.apache.hc.core5.http.HttpException, IOException {
            versions.add(context.getProtocolVersion().toString());
            String body = message.getBody() == null ? ""
                    : new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.equals(HELD)) {
                heldTrigger = () -> answer(trigger, context);
                heldArrived.complete(null);
            } else if (body.equals(CUT)) {
                byte[] gzip = Replies.gzip(RetryTest.TEXT);
                trigger.submitResponse(AsyncResponseBuilder.create(200)
                        .setHeader("Content-Encoding", "gzip")
                        .setEntity(AsyncEntityProducers.create(Arrays.copyOf(gzip, gzip.length - 8),
                                ContentType.create("text/event-stream")))
                        .build(), context);
                Runnable release = heldTrigger;
                heldTrigger = null;
                if (release != null) {
                    release.run();
                }
            } else {
                answer(trigger, context);
            }
        }

        private void answer(ResponseTrigger trigger, HttpContext context) {
            try {
                trigger.submitResponse(AsyncResponseBuilder.create(200)
                        .setEntity(AsyncEntityProducers.create(RetryTest.TEXT,
                                ContentType.create("text/event-stream")))
                        .build(), context);
            } catch (IOException | org.apache.hc.core5.http.HttpException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
