package dev.gembatch.config;

import dev.gembatch.model.ApiKey;
import java.io.Serializable;

/**
 * Everything the transport needs to talk to a Gemini endpoint, resolved once on the driver.
 * {@code baseUrl} is scheme://host[:port][/prefix] without a trailing slash (the emulator's URL
 * once the job has started it); {@code userAgent} is {@code gembatch/<version>}.
 */
public record GeminiSettings(String baseUrl, ApiKey apiKey, AuthMode auth, WireFormat wireFormat,
                             LimiterSettings limiter, Timeouts timeouts, RetrySettings retry,
                             boolean allowInsecureHttp, String userAgent) implements Serializable {

    /** Where the API key travels. */
    public enum AuthMode { HEADER, QUERY }

    /** Which streaming format to ask for: {@code ?alt=sse} or the streamed JSON array. */
    public enum WireFormat { SSE, JSON_ARRAY }

    /** A copy pointing at another base URL (used when the job starts the built-in emulator). */
    public GeminiSettings withBaseUrl(String url) {
        return new GeminiSettings(url, apiKey, auth, wireFormat, limiter, timeouts, retry,
                allowInsecureHttp, userAgent);
    }

    /** A copy with another API key (used when the job starts the built-in emulator). */
    public GeminiSettings withApiKey(ApiKey key) {
        return new GeminiSettings(baseUrl, key, auth, wireFormat, limiter, timeouts, retry,
                allowInsecureHttp, userAgent);
    }
}
