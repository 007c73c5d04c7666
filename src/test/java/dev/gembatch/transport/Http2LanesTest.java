package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.LimiterSettings;
import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/2 against the emulator over TLS, whose ALPN offers h2 at 100 streams per connection as
 * Google's front ends do: 250 requests in flight go over three multiplexed connections, every
 * one of them answered, none refused and none retried; HTTP/1.1 to the same server opens a
 * connection per request in flight.
 */
class Http2LanesTest {
    private static final String MODEL = "gemini-2.5-flash";
    private static final int IN_FLIGHT = 250;
    @RegisterExtension
    final TransportFixture net = new TransportFixture();

    @Test
    void twoHundredFiftyStreamsInFlightShareThreeConnections() throws Exception {
        EmulatorStats stats = sendAll(GeminiSettings.HttpVersion.H2);

        assertEquals(Map.of("HTTP/2.0", (long) IN_FLIGHT), stats.requestsByProtocol());
        assertEquals(3, stats.connections(), stats::toJson);
        assertEquals(Map.of(1, (long) IN_FLIGHT), stats.requestsByAttempt(), "nothing retried");
    }

    @Test
    void http11OpensAConnectionPerRequestInFlight() throws Exception {
        EmulatorStats stats = sendAll(GeminiSettings.HttpVersion.HTTP1);

        assertEquals(Map.of("HTTP/1.1", (long) IN_FLIGHT), stats.requestsByProtocol());
        assertEquals(IN_FLIGHT, stats.connections(), stats::toJson);
    }

    /** 250 distinct prompts sent at once; each answer checked; the emulator's counters after. */
    private EmulatorStats sendAll(GeminiSettings.HttpVersion version) throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().apiKey(TestSettings.KEY)
                .tls(LoopbackCertificate.serverContext()).chunks(2)
                .firstByteLatency(Duration.ofMillis(500)).chunkGap(Duration.ZERO).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            GeminiSettings settings = TestSettings.settings(emulator.baseUrl()).toBuilder()
                    .httpVersion(version).limiter(LimiterSettings.fixed(IN_FLIGHT)).build();
            GeminiClient client = net.client(settings, LoopbackCertificate.trustingContext());
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                answers.add(client.send(new GeminiRequest(MODEL, body("prompt " + i))));
            }
            for (int i = 0; i < IN_FLIGHT; i++) {
                Answer a = answers.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(Status.OK, a.status(), String.valueOf(a.error()));
                assertEquals(EmulatorAnswers.textFor(MODEL, "prompt " + i), a.first().text());
            }
            return emulator.stats();
        }
    }

    private static byte[] body(String prompt) {
        return ("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + prompt + "\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
