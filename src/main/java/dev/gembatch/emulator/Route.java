package dev.gembatch.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request URI asks for: {@code POST /v1beta/models/{model}:{method}[?alt=sse][&key=K]}
 * (the Gemini API; {@code v1} is accepted like {@code v1beta}), the same on Vertex AI's
 * {@code /v1/projects/{p}/locations/{l}/publishers/google/models/{model}} or, in express mode,
 * {@code /v1/publishers/google/models/{model}} ({@code vertex} true), {@code POST /token} (the
 * OAuth2 token endpoint), {@code GET /__stats}, or something unknown.
 */
record Route(Kind kind, String model, WireFormat format, String queryKey, boolean vertex) {
    private static final String METHOD = ":(streamGenerateContent|generateContent|countTokens)";
    private static final Pattern MODEL_CALL =
            Pattern.compile("/(v1beta|v1)/models/([^/:]+)" + METHOD);
    private static final Pattern VERTEX_CALL = Pattern.compile(
            "/v1/(projects/[a-z0-9-]+/locations/[a-z0-9-]+/)?publishers/google/models/([^/:]+)" + METHOD);
    static final String TOKEN_PATH = "/token";

    enum Kind { STREAM, UNARY, COUNT_TOKENS, STATS, TOKEN, UNKNOWN }

    static Route parse(String method, String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        if ("GET".equals(method) && "/__stats".equals(path)) {
            return new Route(Kind.STATS, null, WireFormat.UNARY, null, false);
        }
        if ("POST".equals(method) && TOKEN_PATH.equals(path)) {
            return new Route(Kind.TOKEN, null, WireFormat.UNARY, null, false);
        }
        Matcher gemini = MODEL_CALL.matcher(path);
        Matcher vertex = VERTEX_CALL.matcher(path);
        Matcher call = gemini.matches() ? gemini : vertex.matches() ? vertex : null;
        if (!"POST".equals(method) || call == null) {
            return new Route(Kind.UNKNOWN, null, WireFormat.UNARY, param(query, "key"), false);
        }
        String model = decode(call.group(2));
        String key = param(query, "key");
        boolean onVertex = call == vertex;
        switch (call.group(3)) {
            case "streamGenerateContent":
                WireFormat format = "sse".equals(param(query, "alt")) ? WireFormat.SSE : WireFormat.ARRAY;
                return new Route(Kind.STREAM, model, format, key, onVertex);
            case "generateContent":
                return new Route(Kind.UNARY, model, WireFormat.UNARY, key, onVertex);
            default:
                return new Route(Kind.COUNT_TOKENS, model, WireFormat.UNARY, key, onVertex);
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
