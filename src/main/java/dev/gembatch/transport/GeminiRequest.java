package dev.gembatch.transport;

import dev.gembatch.config.FlexFallback;
import dev.gembatch.config.ServiceTier;
import java.nio.charset.StandardCharsets;

/**
 * One call: the model name (the URL path segment), the JSON request body bytes (without a
 * service tier, so the row's request_id does not depend on it), the service tier to ask for, and
 * what the row becomes when it is still waiting on Flex as the job's deadline nears.
 */
public record GeminiRequest(String model, byte[] body, ServiceTier tier, FlexFallback fallback) {

    public GeminiRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a Gemini request needs a model name");
        }
        if (body == null || body.length < 2 || body[0] != '{') {
            throw new IllegalArgumentException("a Gemini request needs a JSON object body");
        }
        if (tier == null || fallback == null) {
            throw new IllegalArgumentException("a Gemini request needs a tier and a fallback");
        }
    }

    /** A request at the standard tier. */
    public GeminiRequest(String model, byte[] body) {
        this(model, body, ServiceTier.STANDARD, FlexFallback.STANDARD);
    }

    /**
     * The bytes sent at {@code at}: the body with {@code "serviceTier"} as its first member, or
     * the body as is at the standard tier (the API's default when the field is left out).
     */
    byte[] wireBody(ServiceTier at) {
        if (at == ServiceTier.STANDARD) {
            return body;
        }
        byte[] field = ("\"serviceTier\":\"" + at.wireName() + "\"" + (isEmptyObject() ? "" : ","))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + field.length];
        out[0] = '{';
        System.arraycopy(field, 0, out, 1, field.length);
        System.arraycopy(body, 1, out, 1 + field.length, body.length - 1);
        return out;
    }

    private boolean isEmptyObject() {
        for (int i = 1; i < body.length; i++) {
            if (!Character.isWhitespace(body[i])) {
                return body[i] == '}';
            }
        }
        return true;
    }
}
