package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.assembly.AnswerAssembler;
import dev.gembatch.model.ApiKey;
import dev.gembatch.stream.ApiError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import dev.gembatch.config.ServiceTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Classification rules that need no server. */
class ClassifierTest {
    private static final Clock NOON =
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final Classifier c = new Classifier(ApiKey.of(TestSettings.KEY), NOON);

    private Verdict classify(AttemptResult r) {
        return c.classify(r, ServiceTier.STANDARD, TestSettings.timeouts());
    }

    private static AttemptResult failed(Throwable t) {
        return new AttemptResult(null, null, null, new AnswerAssembler().result(), t, null,
                null, 5, null);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), c.retryAfter("120"));
        assertEquals(Duration.ofSeconds(90), c.retryAfter("Wed, 25 Nov 2026 12:01:30 GMT"));
        assertEquals(Duration.ZERO, c.retryAfter("Wed, 25 Nov 2026 11:00:00 GMT"));
        assertNull(c.retryAfter("soon"));
        assertNull(c.retryAfter(null));
    }

    @Test
    void transportFailuresAreRetryableAndRedacted() {
        Verdict lost = classify(failed(new IOException("reset talking to ?key=" + TestSettings.KEY)));
        assertEquals("CONNECTION_LOST", lost.error().status());
        assertEquals("IOException: reset talking to ?key=***", lost.error().message());
        assertTrue(lost.retryable());
        Verdict slow = classify(failed(new SocketTimeoutException("connect timed out")));
        assertEquals("TIMEOUT", slow.error().status());
        assertFalse(slow.overload());
    }

    @Test
    void inBandErrorWithoutACodeTakesTheHttpCodeAndTheLongerHint() {
        AnswerAssembler a = new AnswerAssembler();
        a.onError(new ApiError(0, null, "busy", List.of(), List.of(), Duration.ofSeconds(3)));
        Verdict v = classify(new AttemptResult(503, "text/event-stream", "7", a.result(), null,
                null, 1L, 5, null));

        assertEquals(503, v.error().httpCode());
        assertEquals("UNKNOWN", v.error().status());
        assertEquals(Duration.ofSeconds(7), v.minDelay());
        assertTrue(v.overload());
        assertTrue(v.retryable());
    }

    static List<Throwable> noConnection() {
        return List.of(new ConnectException("Connection refused"),
                new UnknownHostException("generativelanguage.example: Name or service not known"),
                new NoRouteToHostException("No route to host"),
                new SSLHandshakeException("PKIX path building failed"),
                new SSLPeerUnverifiedException("Certificate for <127.0.0.1> doesn't match"),
                new IOException("connect failed", new ConnectException("Connection refused")));
    }

    /** Issue 11 item 7b: a refused connection or a TLS failure was CONNECTION_LOST, like a cut. */
    @ParameterizedTest
    @MethodSource("noConnection")
    void failureToEstablishAConnectionIsUnreachable(Throwable failure) {
        Verdict v = classify(failed(failure));
        assertEquals("UNREACHABLE", v.error().status());
        Throwable shown = failure.getCause() != null ? failure.getCause() : failure;
        assertTrue(v.error().message().startsWith(shown.getClass().getSimpleName() + ": "),
                v.error().message());
        assertTrue(v.retryable(), "a later attempt or run may get through");
        assertFalse(v.overload());
    }

    @Test
    void connectionCutOnceEstablishedIsConnectionLost() {
        for (Throwable cut : List.of(new SocketException("Connection reset"),
                new SSLException("Tag mismatch"), new IOException("Connection closed by peer"))) {
            assertEquals("CONNECTION_LOST", classify(failed(cut)).error().status());
        }
        Verdict midStream = classify(new AttemptResult(200, "text/event-stream", null,
                new AnswerAssembler().result(), new ConnectException("odd"), null, 1L, 5, null));
        assertEquals("CONNECTION_LOST", midStream.error().status(), "a response had begun");
    }
}
