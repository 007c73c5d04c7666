package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Checks a service account's JWT-bearer assertion as Google's token endpoint does: three base64url
 * parts, {@code alg RS256}, an issuer that is a known service account whose public key verifies
 * the signature, a scope, and an expiry in the future at most an hour after issue.
 */
final class JwtCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_LIFETIME_SECONDS = 3600;

    private JwtCheck() {
    }

    /** The token endpoint's error description, or null when the assertion is good. */
    static String problem(String assertion, Map<String, PublicKey> accounts, long nowSeconds) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return "Invalid JWT: not a signed JWT.";
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (header == null || claims == null || !"RS256".equals(header.path("alg").asText())) {
            return "Invalid JWT: unreadable header or claims, or not RS256.";
        }
        PublicKey key = accounts.get(claims.path("iss").asText());
        if (key == null) {
            return "Invalid grant: account not found";
        }
        if (!verifies(key, parts)) {
            return "Invalid JWT Signature.";
        }
        long exp = claims.path("exp").asLong();
        long iat = claims.path("iat").asLong();
        if (exp <= nowSeconds || exp - iat > MAX_LIFETIME_SECONDS) {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
        }
        return claims.path("scope").asText().isBlank() ? "Invalid OAuth scope or ID token audience provided." : null;
    }

    private static boolean verifies(PublicKey key, String[] parts) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            return node != null && node.isObject() ? node : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
