package dev.gembatch.model;

import java.io.Serializable;

/**
 * Why a row has no complete answer. {@code status} is Google's status string (such as
 * RESOURCE_EXHAUSTED) or one of gembatch's own: TIMEOUT, UNREACHABLE, CONNECTION_LOST,
 * STREAM_INCOMPLETE, MALFORMED_RESPONSE, UNEXPECTED_RESPONSE, INVALID_INPUT, BUDGET_EXHAUSTED,
 * and for an answer that is not JSON of the response schema INVALID_JSON or SCHEMA_MISMATCH.
 * {@code reason} is the server's {@code ErrorInfo.reason} (such as API_KEY_INVALID) when it gave
 * one. The message never contains the API key.
 */
public record ErrorInfo(Integer httpCode, String status, String reason, String message,
                        boolean retryable) implements Serializable {
    /**
     * No connection could be made (refused, unknown host, no route, TLS handshake or certificate
     * refused): unlike CONNECTION_LOST, nothing was ever exchanged with the server.
     */
    public static final String UNREACHABLE = "UNREACHABLE";
}
