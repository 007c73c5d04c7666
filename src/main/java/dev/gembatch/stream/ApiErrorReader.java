package dev.gembatch.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tree of a Google error's value ({@code {code, message, status, details[]}} under a
 * response's {@code error} key) into an {@link ApiError}, picking ErrorInfo reasons, QuotaFailure
 * quota ids and the RetryInfo delay out of {@code details}. An {@code error} that is a plain
 * string becomes the message.
 */
final class ApiErrorReader {

    private static final String RPC = "type.googleapis.com/google.rpc.";

    private ApiErrorReader() {
    }

    /** Reads the value of a response's {@code error} key. */
    static ApiError read(JsonNode error) {
        if (!error.isObject()) {
            return new ApiError(0, null, Json.text(error), null, null, null);
        }
        List<String> reasons = new ArrayList<>();
        List<String> quotaIds = new ArrayList<>();
        Duration retryDelay = null;
        for (JsonNode detail : Json.array(error, "details")) {
            String type = Json.text(detail, "@type");
            if ((RPC + "ErrorInfo").equals(type) && Json.text(detail, "reason") != null) {
                reasons.add(Json.text(detail, "reason"));
            } else if ((RPC + "QuotaFailure").equals(type)) {
                quotaIds.addAll(quotaIds(detail));
            } else if ((RPC + "RetryInfo").equals(type)) {
                retryDelay = duration(detail.get("retryDelay"));
            }
        }
        Integer code = Json.integer(error, "code");
        return new ApiError(code == null ? 0 : code, Json.text(error, "status"),
                Json.text(error, "message"), reasons, quotaIds, retryDelay);
    }

    private static List<String> quotaIds(JsonNode quotaFailure) {
        List<String> ids = new ArrayList<>();
        for (JsonNode violation : Json.array(quotaFailure, "violations")) {
            String id = Json.text(violation, "quotaId");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * A protobuf Duration: the JSON string form ("26s", "1.5s", "0.250s", "-2s") or the
     * {seconds, nanos} object form; null when absent or unreadable.
     */
    static Duration duration(JsonNode value) {
        if (value != null && value.isObject()) {
            return Duration.ofSeconds(value.path("seconds").asLong(0), value.path("nanos").asLong(0));
        }
        if (value == null || !value.isTextual() || !value.asText().matches("-?\\d{1,12}(\\.\\d{1,9})?s")) {
            return null;
        }
        String text = value.asText();
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        long nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue();
        return Duration.ofSeconds(seconds.longValue(), nanos);
    }
}
