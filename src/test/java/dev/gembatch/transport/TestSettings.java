package dev.gembatch.transport;

import dev.gembatch.config.FlexSettings;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.QuotaSettings;
import dev.gembatch.config.RetrySettings;
import dev.gembatch.config.Timeouts;
import dev.gembatch.config.VertexSettings;
import dev.gembatch.model.ApiKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The transport tests' settings: the defaults and each variation a test needs. The only place
 * in these tests that builds {@link GeminiSettings} or {@link Timeouts} field by field.
 */
final class TestSettings {
    static final String KEY = "AIzaTestKey-7f3c9e1b5d";

    private TestSettings() {
    }

    static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10));
    }

    /**
     * Flex timeouts twice the standard ones (first byte 10 s, idle 10 s, attempt 20 s, row 10 min)
     * and the job deadline at {@code deadline} (null: none).
     */
    static FlexSettings flex(Instant deadline) {
        Timeouts t = timeouts();
        return new FlexSettings(new Timeouts(t.connect(), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(10),
                t.shutdownGrace()), null, null, deadline);
    }

    static GeminiSettings withFlex(GeminiSettings s, FlexSettings flex) {
        return s.toBuilder().flex(flex).build();
    }

    /** Header auth, SSE, 4 fixed permits, 4 attempts from a 1 s backoff, no quota. */
    static GeminiSettings settings(String baseUrl) {
        return GeminiSettings.builder().baseUrl(baseUrl).apiKey(ApiKey.of(KEY))
                .auth(GeminiSettings.AuthMode.HEADER).wireFormat(GeminiSettings.WireFormat.SSE)
                .httpVersion(GeminiSettings.HttpVersion.AUTO)
                .limiter(LimiterSettings.fixed(4)).timeouts(timeouts())
                .retry(new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .allowInsecureHttp(false).userAgent("gembatch/test").quota(QuotaSettings.NONE)
                .api(GeminiSettings.Api.GEMINI_API).vertex(VertexSettings.NONE).flex(flex(null))
                .build();
    }

    static GeminiSettings withFirstByte(GeminiSettings s, Duration firstByte) {
        Timeouts t = s.timeouts();
        return withTimeouts(s, new Timeouts(t.connect(), firstByte, t.idle(), t.attempt(), t.row(),
                t.shutdownGrace()));
    }

    static GeminiSettings withIdle(GeminiSettings s, Duration idle) {
        Timeouts t = s.timeouts();
        return withTimeouts(s, new Timeouts(t.connect(), t.firstByte(), idle, t.attempt(), t.row(),
                t.shutdownGrace()));
    }

    static GeminiSettings withRowDeadline(GeminiSettings s, Duration row) {
        Timeouts t = s.timeouts();
        return withTimeouts(s, new Timeouts(t.connect(), t.firstByte(), t.idle(), t.attempt(), row,
                t.shutdownGrace()));
    }

    static GeminiSettings withTimeouts(GeminiSettings s, Timeouts t) {
        return s.toBuilder().timeouts(t).build();
    }

    static GeminiSettings withRetry(GeminiSettings s, int maxAttempts, Duration initialBackoff,
                                    Duration maxBackoff) {
        RetrySettings r = new RetrySettings(maxAttempts, initialBackoff, maxBackoff);
        return s.toBuilder().retry(r).build();
    }

    static GeminiSettings withLimiter(GeminiSettings s, LimiterSettings l) {
        return s.toBuilder().limiter(l).build();
    }

    static GeminiSettings withAuth(GeminiSettings s, GeminiSettings.AuthMode auth) {
        return s.toBuilder().auth(auth).build();
    }

    /** Vertex AI in express mode (the API key, no project). */
    static GeminiSettings vertexExpress(GeminiSettings s) {
        return s.toBuilder().api(GeminiSettings.Api.VERTEX).vertex(new VertexSettings(null,
                VertexSettings.GLOBAL, null, VertexSettings.Auth.API_KEY)).build();
    }

    static GeminiSettings withWireFormat(GeminiSettings s, GeminiSettings.WireFormat format) {
        return s.toBuilder().wireFormat(format).build();
    }

    /** With {@code allowInsecureHttp}: plain http to any host. */
    static GeminiSettings insecure(GeminiSettings s) {
        return s.toBuilder().allowInsecureHttp(true).build();
    }
}
