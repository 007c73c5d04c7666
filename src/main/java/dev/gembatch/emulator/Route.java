package dev.gembatch.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request URI asks for: {@code POST /v1beta/models/{model}:{method}[?alt=sse][&key=K]},
 * {@code GET /__stats}, or something unknown. {@code v1} is accepted like {@code v1beta}.
 */
record Route(Kind kind, String model, WireFormat format, String queryKey) {
    private static final Pattern MODEL_CALL =
            Pattern.compile("/(v1beta|v1)/models/([^/:]+):(streamGenerateContent|generateContent|countTokens)");

    enum Kind { STREAM, UNARY, COUNT_TOKENS, STATS, UNKNOWN }

    static Route parse(String method, String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String query = question < 0 ? "" : uri.substring(question + 1);
        if ("GET".equals(method) && "/__stats".equals(path)) {
            return new Route(Kind.STATS, null, WireFormat.UNARY, null);
        }
        Matcher call = MODEL_CALL.matcher(path);
        if (!"POST".equals(method) || !call.matches()) {
            return new Route(Kind.UNKNOWN, null, WireFormat.UNARY, param(query, "key"));
        }
        String model = decode(call.group(2));
        switch (call.group(3)) {
            case "streamGenerateContent":
                WireFormat format = "sse".equals(param(query, "alt")) ? WireFormat.SSE : WireFormat.ARRAY;
                return new Route(Kind.STREAM, model, format, param(query, "key"));
            case "generateContent":
                return new Route(Kind.UNARY, model, WireFormat.UNARY, param(query, "key"));
            default:
                return new Route(Kind.COUNT_TOKENS, model, WireFormat.UNARY, param(query, "key"));
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
