package dev.gembatch.model;

import java.io.Serializable;

/**
 * Why a row has no complete answer. {@code status} is the {@code error_status} column's text: the
 * name of an {@link ErrorStatus} (gembatch's own, such as TIMEOUT, UNREACHABLE, CONNECTION_LOST,
 * STREAM_INCOMPLETE, MALFORMED_RESPONSE, UNEXPECTED_RESPONSE, INVALID_JSON, SCHEMA_MISMATCH,
 * INVALID_INPUT, UPSTREAM_NOT_OK, BUDGET_EXHAUSTED, or one of Google's canonical codes such as
 * RESOURCE_EXHAUSTED), or a status text a server sent that the list does not hold, kept verbatim.
 * It stays a String so that such a text reaches the column unchanged, and so that journals
 * written by earlier builds still read. gembatch's code makes it only through the factories
 * below. {@code reason} is the server's {@code ErrorInfo.reason} (such as API_KEY_INVALID) when
 * it gave one. The message never contains the API key.
 */
public record ErrorInfo(Integer httpCode, String status, String reason, String message,
                        boolean retryable) implements Serializable {

    /** gembatch's own error without an HTTP exchange behind it, not retryable (a row not sent). */
    public static ErrorInfo of(ErrorStatus status, String message) {
        return of(null, status, message, false);
    }

    /** gembatch's own error on an attempt: the HTTP status when there was one (else null). */
    public static ErrorInfo of(Integer httpCode, ErrorStatus status, String message,
                               boolean retryable) {
        return new ErrorInfo(httpCode, status.name(), null, message, retryable);
    }

    /**
     * An error the server sent in an error body: its status text as sent, listed in
     * {@link ErrorStatus} or not (a text not listed is kept, never lost), or
     * {@link ErrorStatus#UNKNOWN} when the body named none.
     */
    public static ErrorInfo fromServer(int httpCode, String serverStatus, String reason,
                                       String message, boolean retryable) {
        String status = serverStatus != null ? serverStatus : ErrorStatus.UNKNOWN.name();
        return new ErrorInfo(httpCode, status, reason, message, retryable);
    }

    /** True when the status is {@code s}. */
    public boolean is(ErrorStatus s) {
        return s.is(status);
    }
}
