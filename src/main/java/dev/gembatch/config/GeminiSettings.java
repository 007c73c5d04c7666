package dev.gembatch.config;

import dev.gembatch.model.ApiKey;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Everything the transport needs to talk to a Gemini endpoint, resolved once on the driver.
 * {@code baseUrl} is scheme://host[:port][/prefix] without a trailing slash (the emulator's URL
 * once the job has started it); {@code userAgent} is {@code gembatch/<version>}; {@code quota}
 * is the project's rate quota on the driver and this JVM's share of it on an executor;
 * {@code api} says which URL shape and sign-in the base URL gets ({@code vertex} is
 * {@link VertexSettings#NONE} on the Gemini API); {@code flex} times Flex requests (their
 * timeouts, the job's deadline).
 */
public record GeminiSettings(String baseUrl, ApiKey apiKey, AuthMode auth, WireFormat wireFormat,
                             HttpVersion httpVersion, LimiterSettings limiter, Timeouts timeouts,
                             RetrySettings retry, boolean allowInsecureHttp, String userAgent,
                             QuotaSettings quota, Api api, VertexSettings vertex,
                             FlexSettings flex)
        implements Serializable {

    /** Which Google API is called: the Gemini API (generativelanguage) or Vertex AI. */
    public enum Api { GEMINI_API, VERTEX }

    /** Where the API key travels. */
    public enum AuthMode { HEADER, QUERY }

    /** Which streaming format to ask for: {@code ?alt=sse} or the streamed JSON array. */
    public enum WireFormat { SSE, JSON_ARRAY }

    /**
     * The HTTP version spoken: {@code H2} multiplexes up to 100 streams per connection,
     * {@code HTTP1} opens a connection per request in flight, {@code AUTO} is H2 to Google's own
     * hosts and HTTP1 to any other base URL (a proxy, the emulator).
     */
    public enum HttpVersion { AUTO, H2, HTTP1 }

    /** A builder with no field set; {@link Builder#build()} needs every one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these settings. */
    public Builder toBuilder() {
        return builder().baseUrl(baseUrl).apiKey(apiKey).auth(auth).wireFormat(wireFormat)
                .httpVersion(httpVersion).limiter(limiter).timeouts(timeouts).retry(retry)
                .allowInsecureHttp(allowInsecureHttp).userAgent(userAgent).quota(quota)
                .api(api).vertex(vertex).flex(flex);
    }

    /** A copy pointing at another base URL (used when the job starts the built-in emulator). */
    public GeminiSettings withBaseUrl(String url) {
        return toBuilder().baseUrl(url).build();
    }

    /** A copy with another API key (used when the job starts the built-in emulator). */
    public GeminiSettings withApiKey(ApiKey key) {
        return toBuilder().apiKey(key).build();
    }

    /** A copy with another quota (the driver gives each executor JVM its share). */
    public GeminiSettings withQuota(QuotaSettings share) {
        return toBuilder().quota(share).build();
    }

    /** A copy whose Flex deadline is fixed from the run's start (see FlexSettings#startingAt). */
    public GeminiSettings startingAt(Instant start, ZoneId zone) {
        return toBuilder().flex(flex.startingAt(start, zone)).build();
    }

    /** Builds {@link GeminiSettings} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(GeminiSettings.class);
        private String baseUrl;
        private ApiKey apiKey;
        private AuthMode auth;
        private WireFormat wireFormat;
        private HttpVersion httpVersion;
        private LimiterSettings limiter;
        private Timeouts timeouts;
        private RetrySettings retry;
        private boolean allowInsecureHttp;
        private String userAgent;
        private QuotaSettings quota;
        private Api api;
        private VertexSettings vertex;
        private FlexSettings flex;

        private Builder() {
        }

        public Builder baseUrl(String v) { baseUrl = v; return set("baseUrl"); }
        public Builder apiKey(ApiKey v) { apiKey = v; return set("apiKey"); }
        public Builder auth(AuthMode v) { auth = v; return set("auth"); }
        public Builder wireFormat(WireFormat v) { wireFormat = v; return set("wireFormat"); }
        public Builder httpVersion(HttpVersion v) { httpVersion = v; return set("httpVersion"); }
        public Builder limiter(LimiterSettings v) { limiter = v; return set("limiter"); }
        public Builder timeouts(Timeouts v) { timeouts = v; return set("timeouts"); }
        public Builder retry(RetrySettings v) { retry = v; return set("retry"); }
        public Builder allowInsecureHttp(boolean v) {
            allowInsecureHttp = v;
            return set("allowInsecureHttp");
        }
        public Builder userAgent(String v) { userAgent = v; return set("userAgent"); }
        public Builder quota(QuotaSettings v) { quota = v; return set("quota"); }
        public Builder api(Api v) { api = v; return set("api"); }
        public Builder vertex(VertexSettings v) { vertex = v; return set("vertex"); }
        public Builder flex(FlexSettings v) { flex = v; return set("flex"); }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The settings; throws IllegalStateException naming every field never set. */
        public GeminiSettings build() {
            given.check();
            return new GeminiSettings(baseUrl, apiKey, auth, wireFormat, httpVersion, limiter,
                    timeouts, retry, allowInsecureHttp, userAgent, quota, api, vertex, flex);
        }
    }
}
