package dev.gembatch.transport;

import dev.gembatch.config.FlexSettings;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.LimiterSettings;
import dev.gembatch.config.QuotaSettings;
import dev.gembatch.config.RetrySettings;
import dev.gembatch.config.Timeouts;
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
        return new GeminiSettings(baseUrl, ApiKey.of(KEY), GeminiSettings.AuthMode.HEADER,
                GeminiSettings.WireFormat.SSE, LimiterSettings.fixed(4), timeouts(),
                new RetrySettings(4, Duration.ofSeconds(1), Duration.ofSeconds(60)), false,
                "gembatch/test", QuotaSettings.NONE, flex(null));
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
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), s.limiter(),
                t, s.retry(), s.allowInsecureHttp(), s.userAgent(), s.quota(), s.flex());
    }

    static GeminiSettings withRetry(GeminiSettings s, int maxAttempts, Duration initialBackoff,
                                    Duration maxBackoff) {
        RetrySettings r = new RetrySettings(maxAttempts, initialBackoff, maxBackoff);
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), s.limiter(),
                s.timeouts(), r, s.allowInsecureHttp(), s.userAgent(), s.quota(), s.flex());
    }

    static GeminiSettings withLimiter(GeminiSettings s, LimiterSettings l) {
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), l,
                s.timeouts(), s.retry(), s.allowInsecureHttp(), s.userAgent(), s.quota(), s.flex());
    }

    static GeminiSettings withAuth(GeminiSettings s, GeminiSettings.AuthMode auth) {
        return new GeminiSettings(s.baseUrl(), s.apiKey(), auth, s.wireFormat(), s.limiter(),
                s.timeouts(), s.retry(), s.allowInsecureHttp(), s.userAgent(), s.quota(), s.flex());
    }

    static GeminiSettings withWireFormat(GeminiSettings s, GeminiSettings.WireFormat format) {
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), format, s.limiter(),
                s.timeouts(), s.retry(), s.allowInsecureHttp(), s.userAgent(), s.quota(), s.flex());
    }

    /** With {@code allowInsecureHttp}: plain http to any host. */
    static GeminiSettings insecure(GeminiSettings s) {
        return new GeminiSettings(s.baseUrl(), s.apiKey(), s.auth(), s.wireFormat(), s.limiter(),
                s.timeouts(), s.retry(), true, s.userAgent(), s.quota(), s.flex());
    }
}
