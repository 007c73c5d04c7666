package dev.gembatch.model;

import java.util.Set;

/**
 * The outcome of one row, as written to the {@code status} column. A FAILED or SKIPPED row says
 * why in {@code error_status}, whose vocabulary is {@link ErrorStatus}.
 */
public enum Status {
    /** Finish reason STOP. */
    OK,
    /** Finish reason MAX_TOKENS. */
    TRUNCATED,
    /** Prompt blocked, or a safety / recitation / policy finish reason. */
    BLOCKED,
    /** Any other finish reason (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, unknown values). */
    INCOMPLETE,
    /**
     * No complete answer after retries, or a permanent error: Google's status (such as
     * RESOURCE_EXHAUSTED) or gembatch's TIMEOUT, UNREACHABLE, CONNECTION_LOST, STREAM_INCOMPLETE,
     * MALFORMED_RESPONSE, UNEXPECTED_RESPONSE; or, with a JSON response schema, an answer that is
     * INVALID_JSON or a SCHEMA_MISMATCH.
     */
    FAILED,
    /**
     * Never sent: INVALID_INPUT (blank prompt, malformed record, undecodable bytes, unusable
     * media), UPSTREAM_NOT_OK (the prompt reads an earlier answer that is not OK),
     * BUDGET_EXHAUSTED or QUOTA_EXHAUSTED (the per-day quota was spent).
     */
    SKIPPED;

    private static final Set<String> BLOCKING = Set.of(
            "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR", "JAILBREAK");

    /** The status of a candidate that ended with this (non-null) finish reason. */
    public static Status ofFinishReason(String finishReason) {
        if ("STOP".equals(finishReason)) {
            return OK;
        }
        if ("MAX_TOKENS".equals(finishReason)) {
            return TRUNCATED;
        }
        return BLOCKING.contains(finishReason) ? BLOCKED : INCOMPLETE;
    }
}
