package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.model.ApiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static GeminiEmulator emulator;

    @BeforeAll
    static void start() throws IOException {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().apiKey(TestSettings.KEY).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void countTokensCountsThePromptAndTheSystemInstructionAndGeneratesNothing() throws Exception {
        emulator.resetStats();
        try (TokenCounter counter = TokenCounter.create(TestSettings.settings(emulator.baseUrl()))) {
            assertEquals(3, counter.count(request("{\"contents\":[{\"role\":\"user\",\"parts\":"
                    + "[{\"text\":\"twelve chars\"}]}]}")), "ceil(12 / 4) in the emulator");
            assertEquals(5, counter.count(request("{\"contents\":[{\"role\":\"user\",\"parts\":"
                    + "[{\"text\":\"twelve chars\"}]}],\"systemInstruction\":{\"parts\":"
                    + "[{\"text\":\"sys.\"}]},\"generationConfig\":{\"temperature\":0}}")),
                    "'sys.\\ntwelve chars' is 17 code points");
            for (int i = 0; i < 2; i++) {
                assertEquals(3, counter.count(request("{\"contents\":[{\"role\":\"user\","
                        + "\"parts\":[{\"text\":\"twelve chars\"}]}]}")));
            }
        }
        assertEquals(4, emulator.stats().totalRequests());
        assertTrue(emulator.stats().requestsByScenario().isEmpty(), emulator.stats()::toJson);
        // the next count may begin before the previous one's connection is back in the pool (a
        // second connection); a connection closed after every count would make four
        assertTrue(emulator.stats().connections() <= 2, "counts reuse their connections: "
                + emulator.stats().connections() + " for 4 counts");
    }

    @Test
    void aRefusedKeyIsAnIoErrorThatNeverShowsTheKey() {
        String secret = "AIzaWrongKey-0123456789";
        GeminiSettings wrong = TestSettings.settings(emulator.baseUrl()).withApiKey(ApiKey.of(secret));
        try (TokenCounter counter = TokenCounter.create(wrong)) {
            IOException e = assertThrows(IOException.class, () -> counter.count(request(
                    "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}")));
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Test
    void anUnreachableEndpointIsAnIoError() {
        try (TokenCounter counter = TokenCounter.create(TestSettings.settings("http://127.0.0.1:1"))) {
            IOException e = assertThrows(IOException.class, () -> counter.count(request(
                    "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}")));
            assertTrue(e.getMessage().startsWith("countTokens failed"), e.getMessage());
        }
    }

    @Test
    void theDescribedGenerationCallShowsTheKeyAsStars() {
        GeminiSettings s = TestSettings.settings(emulator.baseUrl());
        try (TokenCounter counter = TokenCounter.create(s)) {
            List<String> lines = counter.describeGeneration("gemini-2.5-flash");
            assertEquals("POST " + emulator.baseUrl()
                    + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", lines.get(0));
            assertTrue(lines.contains("x-goog-api-key: ***"), lines::toString);
            assertFalse(String.join("\n", lines).contains(TestSettings.KEY));
        }
    }

    private static GeminiRequest request(String json) {
        return new GeminiRequest(TransportFixture.MODEL, json.getBytes(StandardCharsets.UTF_8));
    }
}
