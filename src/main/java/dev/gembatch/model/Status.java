package dev.gembatch.model;

import java.util.Set;

/** The outcome of one row, as written to the {@code status} column. */
public enum Status {
    /** Finish reason STOP. */
    OK,
    /** Finish reason MAX_TOKENS. */
    TRUNCATED,
    /** Prompt blocked, or a safety / recitation / policy finish reason. */
    BLOCKED,
    /** Any other finish reason (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, unknown values). */
    INCOMPLETE,
    /** No complete answer after retries, or a permanent error. */
    FAILED,
    /** Never sent (blank prompt, budget exhausted). */
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
