package dev.gembatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiErrorReaderTest {

    private static ApiError read(String json) {
        RecordingSink sink = Feeds.decode(json, 0);
        assertEquals(1, sink.errors().size(), sink.events::toString);
        return sink.errors().get(0);
    }

    @ParameterizedTest
    @CsvSource({"26s, PT26S", "1.5s, PT1.5S", "0.250s, PT0.25S", "47.000000001s, PT47.000000001S",
        "-2s, PT-2S"})
    void retryDelayIsParsedAsAProtobufDuration(String wire, String expected) {
        ApiError error = read("{\"error\": {\"code\": 429,\"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\": \"" + wire + "\"}]}}");
        assertEquals(Duration.parse(expected), error.retryDelay());
    }

    @Test
    void unreadableRetryDelayIsAbsentNotAFailure() {
        ApiError error = read("{\"error\": {\"code\": 429,\"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\": \"soon\"}]}}");
        assertNull(error.retryDelay());
        assertEquals(429, error.code());
    }

    @Test
    void retryDelayInObjectFormIsParsed() {
        ApiError error = read("{\"error\": {\"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\": {\"seconds\": 3,\"nanos\": 500000000}}]}}");
        assertEquals(Duration.ofMillis(3500), error.retryDelay());
        assertEquals(0, error.code());
    }

    @Test
    void reasonsAndQuotaIdsComeFromTheirDetails() {
        ApiError error = read("{\"error\": {\"code\": 429,\"status\": \"RESOURCE_EXHAUSTED\",\"details\": ["
                + "{\"@type\": \"type.googleapis.com/google.rpc.Help\",\"links\": []},"
                + "{\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\": ["
                + "{\"quotaId\": \"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"},{\"quotaId\": \"PerMinute\"}]},"
                + "{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\": \"RATE_LIMIT_EXCEEDED\"}]}}");
        assertEquals(List.of("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "PerMinute"), error.quotaIds());
        assertEquals(List.of("RATE_LIMIT_EXCEEDED"), error.reasons());
        assertNull(error.retryDelay());
    }

    @Test
    void errorThatIsAPlainStringBecomesTheMessage() {
        ApiError error = read("{\"error\": \"upstream timed out\"}");
        assertEquals("upstream timed out", error.message());
        assertEquals(0, error.code());
        assertNull(error.status());
    }
}
