package dev.gembatch.transport;

import static dev.gembatch.transport.Replies.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.FlexFallback;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Service tiers on the wire: the serviceTier field, Flex sheds retried outside the retry budget,
 * the job deadline's fallback, and the tier that served an answer (header or usage).
 */
class ServiceTierTest {
    static final byte[] TEXT = capture("sse-text-3events-stop-prompt-count-changes-2.0-flash-exp.txt");
    static final byte[] SHED_503 = capture("error-503-high-demand-2026.json");
    static final byte[] SHED_429 = capture("error-429-resource-exhausted-no-details-2026.json");
    static final byte[] QUOTA_429 = capture("error-429-free-tier-quotafailure-help-retryinfo-2025.json");
    @RegisterExtension
    final TransportFixture net = new TransportFixture();

    /** One attempt of retry budget, Flex deadline at {@code deadline} (null: none). */
    private GeminiClient client(Instant deadline) {
        GeminiSettings s = TestSettings.withRetry(net.settings(), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        return net.client(TestSettings.withFlex(s, TestSettings.flex(deadline)));
    }

    private static Answer call(GeminiClient client, ServiceTier tier, FlexFallback fallback)
            throws Exception {
        return client.send(new GeminiRequest(TransportFixture.MODEL, TransportFixture.BODY, tier,
                fallback)).get(30, TimeUnit.SECONDS);
    }

    private List<String> bodies() {
        return net.server().requests().stream()
                .map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shedStormIsRetriedPastTheRetryBudgetUntilAnswered() throws Exception {
        net.serve(Replies.status(503, SHED_503, Replies.JSON),
                Replies.status(429, SHED_429, Replies.JSON),
                Replies.status(503, SHED_503, Replies.JSON), Replies.stream(TEXT));
        Answer a = call(client(null), ServiceTier.FLEX, FlexFallback.STANDARD);

        assertEquals(Status.OK, a.status(), "max-attempts is 1, yet three sheds did not fail it");
        assertEquals(4, a.attempts());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                net.backoffs(), "jittered exponential backoff (random 0.5) from the first shed");
        assertTrue(bodies().stream().allMatch(b -> b.startsWith("{\"serviceTier\":\"flex\",")));
        assertEquals(new Billing("flex", "flex", null), a.billing());
    }

    @Test
    void aStandardRequestAnswered503SpendsItsRetryBudget() throws Exception {
        net.serve(Replies.status(503, SHED_503, Replies.JSON), Replies.stream(TEXT));
        Answer a = call(client(null), ServiceTier.STANDARD, FlexFallback.STANDARD);

        assertEquals(Status.FAILED, a.status());
        assertEquals("UNAVAILABLE", a.error().status());
        assertEquals(List.of("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}"), bodies());
    }

    @Test
    void aFlex429NamingAQuotaIsARealLimitNotAShed() throws Exception {
        net.serve(Replies.status(429, QUOTA_429, Replies.JSON), Replies.stream(TEXT));
        Answer a = call(client(null), ServiceTier.FLEX, FlexFallback.STANDARD);

        assertEquals(Status.FAILED, a.status());
        assertEquals("RESOURCE_EXHAUSTED", a.error().status());
        assertEquals(1, net.server().requests().size());
    }

    @Test
    void deadlineNearSendsAFlexRowAtStandard() throws Exception {
        net.serve(Replies.stream(TEXT));
        Instant soon = Instant.now().plus(Duration.ofSeconds(5)); // < one 20 s Flex attempt left
        Answer a = call(client(soon), ServiceTier.FLEX, FlexFallback.STANDARD);

        assertEquals(Status.OK, a.status());
        assertFalse(bodies().get(0).contains("serviceTier"), bodies().get(0));
        assertEquals(new Billing("standard", "standard", null), a.billing());
    }

    @Test
    void deadlineNearSkipsAFlexRowWithoutSendingIt() throws Exception {
        net.serve(Replies.stream(TEXT));
        Instant passed = Instant.now().minus(Duration.ofMinutes(1));
        Answer a = call(client(passed), ServiceTier.FLEX, FlexFallback.SKIP);

        assertEquals(Status.SKIPPED, a.status());
        assertEquals("DEADLINE_REACHED", a.error().status());
        assertEquals(0, net.server().requests().size());
        assertEquals("flex", a.billing().requestedTier());
        assertNull(a.billing().servedTier());
    }

    @Test
    void aDistantDeadlineLeavesFlexAlone() throws Exception {
        net.serve(Replies.stream(TEXT));
        Answer a = call(client(Instant.now().plus(Duration.ofHours(1))), ServiceTier.FLEX,
                FlexFallback.SKIP);

        assertEquals(Status.OK, a.status());
        assertTrue(bodies().get(0).startsWith("{\"serviceTier\":\"flex\","));
    }

    @Test
    void priorityServedAtStandardIsRecordedAsADowngrade() throws Exception {
        net.serve(Replies.stream(TEXT, Replies.SSE, "x-gemini-service-tier: standard"));
        Answer a = call(client(null), ServiceTier.PRIORITY, FlexFallback.STANDARD);

        assertEquals(Status.OK, a.status());
        assertTrue(bodies().get(0).startsWith("{\"serviceTier\":\"priority\","));
        assertEquals(new Billing("priority", "standard", null), a.billing());
        assertTrue(a.billing().downgraded());
    }

    @Test
    void withoutTheHeaderTheUsageNamesTheServedTier() throws Exception {
        net.serve(Replies.stream(
                capture("sse-counting-3events-thoughts-counted-from-first-event-2.5-flash.txt")));
        Answer a = call(client(null), ServiceTier.PRIORITY, FlexFallback.STANDARD);

        assertEquals("standard", a.billing().servedTier(), "usageMetadata.serviceTier");
        assertTrue(a.billing().downgraded());
    }
}
