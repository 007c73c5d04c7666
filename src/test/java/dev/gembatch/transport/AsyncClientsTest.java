package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.config.GeminiSettings.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which HTTP version a base URL gets, and how many h2 connections carry the limiter's ceiling. */
class AsyncClientsTest {
    @ParameterizedTest(name = "{0} to {1}: h2 = {2}")
    @CsvSource({
        "AUTO, https://generativelanguage.googleapis.com, true",
        "AUTO, https://us-central1-aiplatform.googleapis.com, true",
        "AUTO, https://aiplatform.googleapis.com, true",
        "AUTO, https://GenerativeLanguage.GoogleAPIs.com, true",
        "AUTO, http://generativelanguage.googleapis.com, false",
        "AUTO, https://googleapis.com.proxy.example.com, false",
        "AUTO, https://proxy.example.com/gemini, false",
        "AUTO, https://127.0.0.1:8443, false",
        "H2, https://proxy.example.com, true",
        "H2, http://127.0.0.1:8080, true",
        "HTTP1, https://generativelanguage.googleapis.com, false",
    })
    void autoSpeaksH2ToGooglesOwnHostsOnly(HttpVersion version, String baseUrl, boolean h2) {
        assertEquals(h2, AsyncClients.speaksH2(TestSettings.settings(baseUrl).toBuilder()
                .httpVersion(version).build()));
    }

    @ParameterizedTest(name = "{0} in flight: {1} connections")
    @CsvSource({"1, 1", "32, 1", "100, 1", "101, 2", "256, 3", "1024, 11"})
    void oneH2ConnectionPerHundredStreams(int inFlight, int connections) {
        assertEquals(connections, AsyncClients.h2Connections(inFlight));
    }
}
