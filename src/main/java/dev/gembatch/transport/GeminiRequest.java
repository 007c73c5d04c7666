package dev.gembatch.transport;

import dev.gembatch.config.FlexFallback;
import dev.gembatch.config.ServiceTier;
import java.nio.charset.StandardCharsets;

/**
 * One call: the model name (the URL path segment), the JSON request body bytes (without a
 * service tier, so the row's request_id does not depend on it), the service tier to ask for,
 * what the row becomes when it is still waiting on Flex as the job's deadline nears, and, when
 * the job has a context cache, the cache ({@code cache}) and the body without the part the cache
 * holds ({@code cachedBody}); both null without one.
 */
public record GeminiRequest(String model, byte[] body, ServiceTier tier, FlexFallback fallback,
                            CacheSpec cache, byte[] cachedBody) {

    public GeminiRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a Gemini request needs a model name");
        }
        if (!isObject(body) || cache != null && !isObject(cachedBody)) {
            throw new IllegalArgumentException("a Gemini request needs a JSON object body");
        }
        if (tier == null || fallback == null) {
            throw new IllegalArgumentException("a Gemini request needs a tier and a fallback");
        }
    }

    /** A request without a context cache. */
    public GeminiRequest(String model, byte[] body, ServiceTier tier, FlexFallback fallback) {
        this(model, body, tier, fallback, null, null);
    }

    /** A request at the standard tier. */
    public GeminiRequest(String model, byte[] body) {
        this(model, body, ServiceTier.STANDARD, FlexFallback.STANDARD);
    }

    /**
     * The bytes sent at {@code at} naming the cache {@code cacheName} (null: none, the full
     * body): the body with {@code "serviceTier"} and {@code "cachedContent"} as its first members,
     * or the body as is at the standard tier without a cache.
     */
    byte[] wireBody(ServiceTier at, String cacheName) {
        byte[] out = cacheName == null ? body : first(cachedBody, "cachedContent", cacheName);
        return at == ServiceTier.STANDARD ? out : first(out, "serviceTier", at.wireName());
    }

    /** {@code object} with {@code "name":"value"} (value plain ASCII) as its first member. */
    private static byte[] first(byte[] object, String name, String value) {
        byte[] field = ("\"" + name + "\":\"" + value + "\"" + (isEmptyObject(object) ? "" : ","))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[object.length + field.length];
        out[0] = '{';
        System.arraycopy(field, 0, out, 1, field.length);
        System.arraycopy(object, 1, out, 1 + field.length, object.length - 1);
        return out;
    }

    private static boolean isObject(byte[] body) {
        return body != null && body.length >= 2 && body[0] == '{';
    }

    private static boolean isEmptyObject(byte[] body) {
        for (int i = 1; i < body.length; i++) {
            if (!Character.isWhitespace(body[i])) {
                return body[i] == '}';
            }
        }
        return true;
    }
}
