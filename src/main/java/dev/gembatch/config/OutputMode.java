package dev.gembatch.config;

/**
 * What to do when the output already exists. RESUME continues an interrupted run from its
 * journal (and a complete earlier output); RETRY_FAILED re-sends only the FAILED and
 * budget-SKIPPED rows of an existing output; APPEND_NEW (tables only) answers only the rows whose
 * {@code input.id-column} value the output table does not hold yet and appends them.
 */
public enum OutputMode { ERROR_IF_EXISTS, OVERWRITE, APPEND, RESUME, RETRY_FAILED, APPEND_NEW }
