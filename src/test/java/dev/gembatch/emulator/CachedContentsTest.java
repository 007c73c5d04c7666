package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The emulator's explicit context caches over real HTTP: the cachedContents resource (create,
 * get, list, patch the TTL, delete), Google's 400 for a cache under the minimum and 403 for a
 * missing one, generation requests that name a cache, and the knob that expires a cache mid-run.
 */
class CachedContentsTest {
    /** 1,200 tokens at the emulator's 4 characters per token. */
    private static final String LONG = "Label by topic. ".repeat(300);
    private static final String UNARY = Loopback.MODEL + ":generateContent";

    private static String cache(String system, String ttl) {
        return "{\"model\":\"models/" + Loopback.MODEL + "\",\"displayName\":\"gembatch:test\","
                + "\"systemInstruction\":{\"parts\":[{\"text\":" + Loopback.quote(system) + "}]},"
                + "\"ttl\":\"" + ttl + "\"}";
    }

    private static HttpResponse<byte[]> call(GeminiEmulator e, String method, String path,
                                             String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(e.baseUrl() + "/v1beta/" + path))
                .timeout(Duration.ofSeconds(10)).header("x-goog-api-key", e.apiKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return Loopback.client().send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        return Captures.tree(Loopback.text(r));
    }

    private static String naming(String cache) {
        return "{\"cachedContent\":\"" + cache + "\"," + Loopback.body("Label this.").substring(1);
    }

    @Test
    void aCacheIsCreatedReadExtendedListedAndDeleted() throws Exception {
        try (GeminiEmulator e = GeminiEmulator.start(EmulatorOptions.defaults())) {
            JsonNode made = json(call(e, "POST", "cachedContents", cache(LONG, "60s")));
            String name = made.path("name").asText();
            assertTrue(name.startsWith("cachedContents/"), made::toString);
            assertEquals(1200, made.path("usageMetadata").path("totalTokenCount").asInt());
            Instant first = Instant.parse(made.path("expireTime").asText());

            JsonNode longer = json(call(e, "PATCH", name + "?updateMask=ttl", "{\"ttl\":\"3600s\"}"));
            assertTrue(Instant.parse(longer.path("expireTime").asText()).isAfter(first));
            assertEquals("gembatch:test", json(call(e, "GET", name, null)).path("displayName").asText());
            assertEquals(name, json(call(e, "GET", "cachedContents", null))
                    .path("cachedContents").path(0).path("name").asText());

            assertEquals(200, call(e, "DELETE", name, null).statusCode());
            HttpResponse<byte[]> gone = call(e, "GET", name, null);
            assertEquals(403, gone.statusCode());
            assertEquals("PERMISSION_DENIED", json(gone).path("error").path("status").asText());
            assertEquals(CachedContents.MISSING, json(gone).path("error").path("message").asText());
            assertFalse(json(call(e, "GET", "cachedContents", null)).has("cachedContents"));
        }
    }

    @Test
    void aCacheUnderTheModelsMinimumIsRefusedWithGooglesMessage() throws Exception {
        try (GeminiEmulator e = GeminiEmulator.start(EmulatorOptions.defaults())) {
            HttpResponse<byte[]> r = call(e, "POST", "cachedContents", cache("Be brief.", "60s"));
            assertEquals(400, r.statusCode());
            assertEquals("Cached content is too small. total_token_count=3,"
                    + " min_total_token_count=1024", json(r).path("error").path("message").asText());
        }
    }

    @Test
    void aRequestNamingACacheCountsItsTokensAsCached() throws Exception {
        try (GeminiEmulator e = GeminiEmulator.start(EmulatorOptions.defaults())) {
            String name = json(call(e, "POST", "cachedContents", cache(LONG, "60s"))).path("name").asText();
            HttpResponse<byte[]> r = new Loopback(e).post(UNARY, naming(name), e.apiKey());
            assertEquals(200, r.statusCode(), Loopback.text(r));
            JsonNode usage = json(r).path("usageMetadata");
            assertEquals(1200, usage.path("cachedContentTokenCount").asInt());
            assertEquals(1200 + 3, usage.path("promptTokenCount").asInt());
        }
    }

    @Test
    void aRequestNamingAMissingCacheOrRepeatingItsPartsIsRefused() throws Exception {
        try (GeminiEmulator e = GeminiEmulator.start(EmulatorOptions.defaults())) {
            Loopback http = new Loopback(e);
            HttpResponse<byte[]> missing = http.post(UNARY, naming("cachedContents/nope"), e.apiKey());
            assertEquals(403, missing.statusCode());
            assertEquals(CachedContents.MISSING, json(missing).path("error").path("message").asText());
            String both = "{\"systemInstruction\":{\"parts\":[{\"text\":\"x\"}]},"
                    + naming("cachedContents/nope").substring(1);
            assertEquals(400, http.post(UNARY, both, e.apiKey()).statusCode());
        }
    }

    @Test
    void theExpiryKnobEndsACacheAfterItsUses() throws Exception {
        try (GeminiEmulator e = GeminiEmulator.start(EmulatorOptions.builder().cacheExpireAfterUses(2).build())) {
            String name = json(call(e, "POST", "cachedContents", cache(LONG, "3600s"))).path("name").asText();
            Loopback http = new Loopback(e);
            assertEquals(200, http.post(UNARY, naming(name), e.apiKey()).statusCode());
            assertEquals(200, http.post(UNARY, naming(name), e.apiKey()).statusCode());
            assertEquals(403, http.post(UNARY, naming(name), e.apiKey()).statusCode());
        }
    }
}
