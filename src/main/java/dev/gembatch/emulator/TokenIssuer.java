package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The emulator's OAuth2 token endpoint ({@code POST /token}) and the check of the
 * {@code Authorization: Bearer} header of Vertex calls. A token is issued for a JWT-bearer
 * assertion signed (RS256) by one of the options' service accounts, as Google's token endpoint
 * does for a service-account key; it is accepted for {@code tokenLifetime} and its response
 * claims {@code tokenClaimedLifetime} (longer: tokens that die early, as when revoked); with
 * {@code revokeTokensAfter} every token issued so far dies once after that many signed requests.
 * Expired, unknown or missing tokens get Vertex's 401 bodies.
 */
final class TokenIssuer {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String INVALID = "Request had invalid authentication credentials. Expected OAuth 2"
            + " access token, login cookie or other valid authentication credential. See"
            + " https://developers.google.com/identity/sign-in/web/devconsole-project.";
    private static final String MISSING = "Request is missing required authentication credential. Expected"
            + " OAuth 2 access token, login cookie or other valid authentication credential. See"
            + " https://developers.google.com/identity/sign-in/web/devconsole-project.";
    private final EmulatorOptions options;
    private final StatsRecorder stats;
    private final LongSupplier nanos;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong signedRequests = new AtomicLong();

    TokenIssuer(EmulatorOptions options, StatsRecorder stats, LongSupplier nanos) {
        this.options = options;
        this.stats = stats;
        this.nanos = nanos;
    }

    /** The token endpoint's answer to a form-encoded request: 200 with a token, or 400. */
    Answer exchange(byte[] form) {
        stats.tokenRequest();
        Map<String, String> params = form(new String(form, StandardCharsets.UTF_8));
        if (!JWT_BEARER.equals(params.get("grant_type"))) {
            return refusal("unsupported_grant_type", "Invalid grant_type: " + params.get("grant_type"));
        }
        String problem = JwtCheck.problem(params.get("assertion"), options.serviceAccounts(),
                System.currentTimeMillis() / 1000);
        if (problem != null) {
            return refusal("invalid_grant", problem);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "ya29.emulator-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        expiries.put(token, nanos.getAsLong() + options.tokenLifetime().toNanos());
        ObjectNode body = JSON.createObjectNode().put("access_token", token)
                .put("expires_in", options.tokenClaimedLifetime().toSeconds()).put("token_type", "Bearer");
        return new Answer(200, body);
    }

    /** Vertex's 401 for this Authorization header, or null when it carries a live token. */
    ObjectNode refusal(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return unauthenticated(MISSING, "CREDENTIALS_MISSING");
        }
        String token = authorization.substring("Bearer ".length()).strip();
        if (expiries.get(token) == null) {
            return unauthenticated(INVALID, "ACCESS_TOKEN_TYPE_UNSUPPORTED");
        }
        if (signedRequests.incrementAndGet() == options.revokeTokensAfter()) {
            long now = nanos.getAsLong();
            expiries.replaceAll((t, expiry) -> Math.min(expiry, now));
        }
        return nanos.getAsLong() - expiries.get(token) >= 0 ? unauthenticated(INVALID, "ACCESS_TOKEN_EXPIRED") : null;
    }

    private static ObjectNode unauthenticated(String message, String reason) {
        var details = JSON.createArrayNode();
        ObjectNode info = details.addObject().put("@type", TYPE).put("reason", reason).put("domain", "googleapis.com");
        info.putObject("metadata").put("method", "google.cloud.aiplatform.v1.PredictionService.StreamGenerateContent")
                .put("service", "aiplatform.googleapis.com");
        return ErrorBodies.error(401, "UNAUTHENTICATED", message, details);
    }

    private static Answer refusal(String error, String description) {
        return new Answer(400, JSON.createObjectNode().put("error", error).put("error_description", description));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** A token endpoint response: status and JSON body. */
    record Answer(int status, JsonNode body) {
    }
}
