package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.Loopback;
import dev.gembatch.config.VertexSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where and how to call: the streamGenerateContent URI of a model (with {@code alt=sse} unless
 * the JSON array format is wanted, and {@code key=} only in query auth mode), in the Gemini API's
 * shape ({@code /v1beta/models/{model}}) or Vertex AI's
 * ({@code /v1/projects/{project}/locations/{location}/publishers/google/models/{model}}, or
 * {@code /v1/publishers/google/models/{model}} in express mode). Refuses, at
 * construction, a base URL that would send the key in clear text to a host that is not
 * {@link Loopback}.
 */
final class Endpoint {
    private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String base;
    private final GeminiSettings settings;
    /** The streamGenerateContent URI of each model called: every row of a model asks for it. */
    private final Map<String, URI> streamUris = new ConcurrentHashMap<>();

    private Endpoint(String base, GeminiSettings settings) {
        this.base = base;
        this.settings = settings;
    }

    static Endpoint of(GeminiSettings settings) {
        String base = settings.baseUrl() == null ? "" : settings.baseUrl().strip();
        String shown = settings.apiKey().redact(base);
        URI uri = parse(base, shown);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("gemini base-url must be https:// (or http:// to a "
                    + "loopback host), got '" + shown + "'");
        }
        if (scheme.equals("http") && !Loopback.isLoopback(uri.getHost())
                && !settings.allowInsecureHttp()) {
            throw new IllegalArgumentException("gemini base-url '" + shown + "' is plain http to a "
                    + "non-loopback host: the API key would travel in clear text. Use https, or "
                    + "set allow-insecure-http = true if you really mean it");
        }
        return new Endpoint(base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                settings);
    }

    /** The request URI for a model name ("gemini-2.5-flash" or "models/gemini-2.5-flash"). */
    URI uri(String model) {
        return streamUris.computeIfAbsent(model, m -> call(m, "streamGenerateContent",
                settings.wireFormat() == GeminiSettings.WireFormat.SSE));
    }

    /** The countTokens URI of a model (no generation: nothing is billed). */
    URI countTokensUri(String model) {
        return call(model, "countTokens", false);
    }

    /**
     * The cachedContents collection ({@code name} null) or one cache by the name the API gave
     * it ({@code cachedContents/x}, or on Vertex {@code projects/p/locations/l/cachedContents/x}),
     * with {@code query} ("" or "a=b") appended. IllegalArgumentException on Vertex express mode
     * (no project: caches live in a project's location).
     */
    URI cachesUri(String name, String query) {
        StringBuilder url = new StringBuilder(base);
        if (settings.api() == GeminiSettings.Api.VERTEX) {
            VertexSettings v = settings.vertex();
            if (!v.usesTokens()) {
                throw new IllegalArgumentException("Vertex AI keeps context"
                        + " caches in a project's location; express mode (gemini.vertex.auth ="
                        + " api-key) has none: set model.context-cache = off or use auth = adc");
            }
            url.append("/v1/").append(name != null ? name : "projects/" + v.project()
                    + "/locations/" + v.location() + "/cachedContents");
        } else {
            url.append("/v1beta/").append(name != null ? name : "cachedContents");
        }
        String sep = "?";
        if (!query.isEmpty()) {
            url.append(sep).append(query);
            sep = "&";
        }
        return URI.create(withQueryKey(url, sep).toString());
    }

    /** The model as a cache names it: models/{m}, or Vertex's full publisher model path. */
    String cacheModel(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (settings.api() != GeminiSettings.Api.VERTEX) {
            return "models/" + name;
        }
        VertexSettings v = settings.vertex();
        return "projects/" + v.project() + "/locations/" + v.location()
                + "/publishers/google/models/" + name;
    }

    private StringBuilder withQueryKey(StringBuilder url, String sep) {
        if (settings.auth() == GeminiSettings.AuthMode.QUERY && !settings.apiKey().isEmpty()) {
            url.append(sep).append("key=")
                    .append(URLEncoder.encode(settings.apiKey().reveal(), StandardCharsets.UTF_8));
        }
        return url;
    }

    private URI call(String model, String method, boolean sse) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (!UNRESERVED.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + model + "' has characters that "
                    + "do not belong in a URL path segment");
        }
        StringBuilder url = new StringBuilder(base).append(modelsPath()).append(name)
                .append(':').append(method);
        String sep = "?";
        if (sse) {
            url.append(sep).append("alt=sse");
            sep = "&";
        }
        return URI.create(withQueryKey(url, sep).toString());
    }

    private String modelsPath() {
        if (settings.api() != GeminiSettings.Api.VERTEX) {
            return "/v1beta/models/";
        }
        VertexSettings v = settings.vertex();
        return v.usesTokens() ? "/v1/projects/" + v.project() + "/locations/" + v.location()
                + "/publishers/google/models/" : "/v1/publishers/google/models/";
    }

    /** The value of the x-goog-api-key header, or null when the key travels in the query. */
    String keyHeader() {
        boolean header = settings.auth() != GeminiSettings.AuthMode.QUERY;
        return header && !settings.apiKey().isEmpty() ? settings.apiKey().reveal() : null;
    }

    /** {@code shown} is the URL as error messages may print it (key redacted). */
    private static URI parse(String base, String shown) {
        try {
            URI uri = new URI(base);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("gemini base-url '" + shown + "' has no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("gemini base-url '" + shown + "' is not a URL");
        }
    }
}
