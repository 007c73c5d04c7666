package dev.gembatch.pipeline;

import dev.gembatch.model.ErrorStatus;
import java.io.Serializable;

/**
 * What one input row sends: the request body and its request_id (always computed over the full
 * body: the answer is the same with a context cache or without), the body without the part a
 * context cache holds ({@code cachedBody}, null without a cache), or, for a row that is not
 * sent, the error status and reason its SKIPPED row gets (nothing is sent for it).
 */
public record RowRequest(byte[] body, String requestId, byte[] cachedBody, ErrorStatus skipStatus,
                         String skipReason) implements Serializable {

    /** A row that is sent. */
    static RowRequest of(byte[] body, String requestId, byte[] cachedBody) {
        return new RowRequest(body, requestId, cachedBody, null, null);
    }

    /** A row whose input cannot make a request (INVALID_INPUT), and why. */
    static RowRequest invalid(String reason) {
        return new RowRequest(null, null, null, ErrorStatus.INVALID_INPUT, reason);
    }

    /** A row not sent because an answer its prompt reads is not OK (UPSTREAM_NOT_OK). */
    static RowRequest upstreamNotOk(String reason) {
        return new RowRequest(null, null, null, ErrorStatus.UPSTREAM_NOT_OK, reason);
    }

    /** True when the row is sent. */
    public boolean sendable() {
        return skipStatus == null;
    }
}
