package dev.gembatch.report;

import dev.gembatch.model.Status;

/** The counters the progress line shows, one per long accumulator. */
enum Metric {
    OK, TRUNCATED, BLOCKED, INCOMPLETE, FAILED, SKIPPED, RETRIES, TOKENS_IN, TOKENS_OUT, SENT,
    ANSWERED, ON_WIRE, ANSWERS_FAILED, ANSWERS_BLOCKED;

    static Metric of(Status s) {
        return valueOf(s.name());
    }

    boolean isRow() {
        return ordinal() <= SKIPPED.ordinal();
    }
}
