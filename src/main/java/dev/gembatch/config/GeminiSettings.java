package dev.gembatch.config;

import dev.gembatch.model.ApiKey;
import java.io.Serializable;

/**
 * Everything the transport needs to talk to a Gemini endpoint, resolved once on the driver.
 * {@code baseUrl} is scheme://host[:port][/prefix] without a trailing slash (the emulator's URL
 * once the job has started it); {@code userAgent} is {@code gembatch/<version>}; {@code quota}
 * is the project's rate quota on the driver and this JVM's share of it on an executor.
 */
public record GeminiSettings(String baseUrl, ApiKey apiKey, AuthMode auth, WireFormat wireFormat,
                             LimiterSettings limiter, Timeouts timeouts, RetrySettings retry,
                             boolean allowInsecureHttp, String userAgent, QuotaSettings quota)
        implements Serializable {

    /** Settings without a quota. */
    public GeminiSettings(String baseUrl, ApiKey apiKey, AuthMode auth, WireFormat wireFormat,
                          LimiterSettings limiter, Timeouts timeouts, RetrySettings retry,
                          boolean allowInsecureHttp, String userAgent) {
        this(baseUrl, apiKey, auth, wireFormat, limiter, timeouts, retry, allowInsecureHttp,
                userAgent, QuotaSettings.NONE);
    }

    /** Where the API key travels. */
    public enum AuthMode { HEADER, QUERY }

    /** Which streaming format to ask for: {@code ?alt=sse} or the streamed JSON array. */
    public enum WireFormat { SSE, JSON_ARRAY }

    /** A copy pointing at another base URL (used when the job starts the built-in emulator). */
    public GeminiSettings withBaseUrl(String url) {
        return new GeminiSettings(url, apiKey, auth, wireFormat, limiter, timeouts, retry,
                allowInsecureHttp, userAgent, quota);
    }

    /** A copy with another API key (used when the job starts the built-in emulator). */
    public GeminiSettings withApiKey(ApiKey key) {
        return new GeminiSettings(baseUrl, key, auth, wireFormat, limiter, timeouts, retry,
                allowInsecureHttp, userAgent, quota);
    }

    /** A copy with another quota (the driver gives each executor JVM its share). */
    public GeminiSettings withQuota(QuotaSettings share) {
        return new GeminiSettings(baseUrl, apiKey, auth, wireFormat, limiter, timeouts, retry,
                allowInsecureHttp, userAgent, share);
    }
}
