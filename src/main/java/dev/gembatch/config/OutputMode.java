package dev.gembatch.config;

/**
 * What to do when the output path already exists. RESUME continues an interrupted run from its
 * journal (and a complete earlier output); RETRY_FAILED re-sends only the FAILED and
 * budget-SKIPPED rows of an existing output.
 */
public enum OutputMode { ERROR_IF_EXISTS, OVERWRITE, APPEND, RESUME, RETRY_FAILED }
