package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Explicit context caches, as the Gemini API's {@code cachedContents} resource keeps them:
 * create (POST, its body a CachedContent with {@code model}, optional {@code displayName},
 * {@code systemInstruction}, {@code contents}, {@code tools}, {@code toolConfig} and {@code ttl}
 * "Ns", default 1 h), get, list (one page), patch (only the TTL) and delete. A cache smaller than
 * the model's minimum is refused with Google's 400; an unknown or expired one is answered with
 * Google's 403 "CachedContent not found (or permission denied)". A generation request naming a
 * cache counts the cache's tokens in its prompt and reports them as
 * {@code cachedContentTokenCount}; with {@code expireAfterUses} above 0 a cache is gone after
 * serving that many requests (the emulator's knob for a cache expiring mid-run).
 */
final class CachedContents {
    static final String MISSING = "CachedContent not found (or permission denied)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long DEFAULT_TTL_SECONDS = 3600;
    private final Map<String, Entry> caches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final int expireAfterUses;
    private final LongSupplier clockMillis;

    /** One cache: what it holds and until when. */
    private record Entry(String name, String model, String displayName, String systemText,
                         int tokens, Instant created, Instant expires, AtomicInteger uses) {
        Entry until(Instant at) {
            return new Entry(name, model, displayName, systemText, tokens, created, at, uses);
        }
    }

    /** The cache a generation request uses: its system instruction's text and its tokens. */
    record Use(String systemText, int tokens) {
    }

    /** A status and a JSON body to answer with. */
    record Reply(int status, JsonNode body) {
    }

    CachedContents(int expireAfterUses, LongSupplier clockMillis) {
        this.expireAfterUses = expireAfterUses;
        this.clockMillis = clockMillis;
    }

    /** POST: a new cache named {@code prefix}cachedContents/{id}. */
    Reply create(String prefix, JsonNode body) {
        String model = body.path("model").asText("");
        String modelId = model.substring(model.lastIndexOf('/') + 1);
        if (modelId.isEmpty()) {
            return new Reply(400, ErrorBodies.invalidArgument("* CreateCachedContentRequest.cached_content.model:"
                    + " model is not specified\n"));
        }
        String system = ParsedRequest.systemText(body.path("systemInstruction"));
        String contents = body.path("contents").isArray() ? ParsedRequest.promptText(body.path("contents")) : "";
        int tokens = EmulatorAnswers.tokens(system) + EmulatorAnswers.tokens(contents)
                + (body.has("tools") ? EmulatorAnswers.tokens(body.get("tools").toString()) : 0);
        int min = minimumTokens(modelId);
        if (tokens < min) {
            return new Reply(400, ErrorBodies.invalidArgument("Cached content is too small. total_token_count="
                    + tokens + ", min_total_token_count=" + min));
        }
        Instant now = now();
        String name = prefix + "cachedContents/" + Integer.toString(1_000_000 + ids.incrementAndGet(), 36);
        Entry e = new Entry(name, model, body.path("displayName").asText(""),
                system + (contents.isEmpty() ? "" : "\n" + contents), tokens, now,
                now.plusSeconds(ttlSeconds(body)), new AtomicInteger());
        caches.put(name, e);
        return new Reply(200, json(e));
    }

    /** GET of one cache. */
    Reply get(String name) {
        Entry e = live(name);
        return e == null ? missing() : new Reply(200, json(e));
    }

    /** GET of the collection: every live cache of this {@code prefix}, in one page. */
    Reply list(String prefix) {
        ObjectNode body = NODES.objectNode();
        caches.values().stream().filter(e -> e.name().startsWith(prefix + "cachedContents/"))
                .filter(e -> live(e.name()) != null).sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(e -> body.withArray("cachedContents").add(json(e)));
        return new Reply(200, body);
    }

    /** PATCH: a new expiry, now + the body's ttl (the only field that can change). */
    Reply patch(String name, JsonNode body) {
        Entry e = live(name);
        if (e == null) {
            return missing();
        }
        Entry longer = e.until(now().plusSeconds(ttlSeconds(body)));
        caches.put(name, longer);
        return new Reply(200, json(longer));
    }

    /** DELETE: an empty object. */
    Reply delete(String name) {
        return live(name) != null && caches.remove(name) != null ? new Reply(200, NODES.objectNode()) : missing();
    }

    /** The cache a generation request names, counting the use; null when unknown or expired. */
    Use use(String name) {
        Entry e = live(name);
        if (e == null) {
            return null;
        }
        if (expireAfterUses > 0 && e.uses().incrementAndGet() >= expireAfterUses) {
            caches.remove(name);
        }
        return new Use(e.systemText(), e.tokens());
    }

    /** Google's answer for a cache that does not exist (any more). */
    static Reply missing() {
        return new Reply(403, ErrorBodies.error(403, "PERMISSION_DENIED", MISSING, null));
    }

    /** The caching page's minimum: 4,096 tokens for Pro models, 1,024 for the others. */
    static int minimumTokens(String model) {
        return model.contains("-pro") ? 4096 : 1024;
    }

    private Entry live(String name) {
        Entry e = caches.get(name);
        if (e != null && !e.expires().isAfter(now())) {
            caches.remove(name, e);
            return null;
        }
        return e;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clockMillis.getAsLong());
    }

    private static long ttlSeconds(JsonNode body) {
        String ttl = body.path("ttl").asText("");
        if (!ttl.endsWith("s")) {
            return DEFAULT_TTL_SECONDS;
        }
        try {
            return Math.max(1, Math.round(Double.parseDouble(ttl.substring(0, ttl.length() - 1))));
        } catch (NumberFormatException e) {
            return DEFAULT_TTL_SECONDS;
        }
    }

    private static ObjectNode json(Entry e) {
        ObjectNode o = NODES.objectNode().put("name", e.name()).put("model", e.model());
        if (!e.displayName().isEmpty()) {
            o.put("displayName", e.displayName());
        }
        o.put("createTime", e.created().toString()).put("updateTime", e.created().toString())
                .put("expireTime", e.expires().toString());
        o.putObject("usageMetadata").put("totalTokenCount", e.tokens());
        return o;
    }
}
