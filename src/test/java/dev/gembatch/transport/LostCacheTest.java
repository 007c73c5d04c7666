package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.FlexFallback;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request whose context cache is gone: the JVM makes the cache once more and sends the row
 * again, outside the retry budget; if that fails too, the row goes out in full. Never FAILED.
 */
class LostCacheTest {
    static final byte[] TEXT = ServiceTierTest.TEXT;
    /**
     * Google's answer to a request naming a missing or expired cache: 403 PERMISSION_DENIED
     * "CachedContent not found (or permission denied)", as reported in
     * langchain-ai/langchain-google#1148 (the body shape is Google's usual error object).
     */
    static final byte[] GONE = Replies.utf8("{\"error\":{\"code\":403,\"message\":\"CachedContent not"
            + " found (or permission denied)\",\"status\":\"PERMISSION_DENIED\"}}");
    static final byte[] MADE = Replies.utf8("{\"name\":\"cachedContents/new\",\"displayName\":"
            + "\"gembatch:0123456789abcdef\",\"usageMetadata\":{\"totalTokenCount\":1200}}");
    static final byte[] FULL = Replies.utf8("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
            + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]}}");
    static final byte[] CACHED = Replies.utf8("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
    static final CacheSpec SPEC = new CacheSpec(TransportFixture.MODEL, "gembatch:0123456789abcdef",
            "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]}}", Duration.ofMinutes(10),
            "cachedContents/old");
    @RegisterExtension
    final TransportFixture net = new TransportFixture();

    private Answer call() throws Exception {
        GeminiSettings s = TestSettings.withRetry(net.settings(), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        return net.client(s).send(new GeminiRequest(TransportFixture.MODEL, FULL,
                ServiceTier.STANDARD, FlexFallback.STANDARD, SPEC, CACHED)).get(30, TimeUnit.SECONDS);
    }

    private List<String> sent() {
        return net.server().requests().stream().map(r -> r.method() + " "
                + r.target().replaceAll("\\?.*", "") + " " + new String(r.body(),
                StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aLostCacheIsMadeAgainAndTheRowSentAgainPastTheRetryBudget() throws Exception {
        net.serve(Replies.status(403, GONE, Replies.JSON), Replies.status(200, MADE, Replies.JSON),
                Replies.stream(TEXT));
        Answer a = call();

        assertEquals(Status.OK, a.status(), "max-attempts is 1, yet the lost cache did not fail it");
        List<String> sent = sent();
        assertEquals(3, sent.size(), sent::toString);
        assertTrue(sent.get(0).endsWith(" {\"cachedContent\":\"cachedContents/old\","
                + "\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"), sent.get(0));
        assertTrue(sent.get(1).startsWith("POST /v1beta/cachedContents {\"systemInstruction\""),
                sent.get(1));
        assertTrue(sent.get(1).contains("\"displayName\":\"gembatch:0123456789abcdef\""), sent.get(1));
        assertTrue(sent.get(2).endsWith(" {\"cachedContent\":\"cachedContents/new\","
                + "\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"), sent.get(2));
    }

    @Test
    void whenTheCacheCannotBeMadeAgainTheRowGoesOutInFull() throws Exception {
        net.serve(Replies.status(403, GONE, Replies.JSON),
                Replies.status(500, Replies.utf8("{\"error\":{\"code\":500,\"message\":\"x\","
                        + "\"status\":\"INTERNAL\"}}"), Replies.JSON),
                Replies.stream(TEXT));
        Answer a = call();

        assertEquals(Status.OK, a.status());
        List<String> sent = sent();
        assertEquals(3, sent.size(), sent::toString);
        assertTrue(sent.get(2).endsWith(" " + new String(FULL, StandardCharsets.UTF_8)), sent.get(2));
    }
}
