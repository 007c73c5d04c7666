package dev.gembatch.pipeline;

import java.io.Serializable;

/**
 * What one input row sends: the request body and its request_id, or, for a row that is not
 * sent, the error status and reason its SKIPPED row gets (nothing is sent for it).
 */
public record RowRequest(byte[] body, String requestId, String skipStatus, String skipReason)
        implements Serializable {
    /** error_status of a row whose own input cannot make a request. */
    static final String INVALID_INPUT = "INVALID_INPUT";
    /** error_status of a row whose prompt reads an answer column that has no usable answer. */
    static final String UPSTREAM_NOT_OK = "UPSTREAM_NOT_OK";

    /** A row that is sent. */
    static RowRequest of(byte[] body, String requestId) {
        return new RowRequest(body, requestId, null, null);
    }

    /** A row whose input cannot make a request, and why. */
    static RowRequest invalid(String reason) {
        return new RowRequest(null, null, INVALID_INPUT, reason);
    }

    /** A row not sent because an answer its prompt reads is not OK. */
    static RowRequest upstreamNotOk(String reason) {
        return new RowRequest(null, null, UPSTREAM_NOT_OK, reason);
    }

    /** True when the row is sent. */
    public boolean sendable() {
        return skipStatus == null;
    }
}
