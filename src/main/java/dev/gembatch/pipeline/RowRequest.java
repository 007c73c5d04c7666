package dev.gembatch.pipeline;

import java.io.Serializable;

/**
 * What one input row sends: the request body and its request_id, or, for a row that cannot be
 * sent, the reason (it becomes the row's INVALID_INPUT error message and nothing is sent).
 */
public record RowRequest(byte[] body, String requestId, String invalidReason)
        implements Serializable {

    /** A row that is sent. */
    static RowRequest of(byte[] body, String requestId) {
        return new RowRequest(body, requestId, null);
    }

    /** A row that cannot be sent, and why. */
    static RowRequest invalid(String reason) {
        return new RowRequest(null, null, reason);
    }

    /** True when the row is sent. */
    public boolean sendable() {
        return invalidReason == null;
    }
}
