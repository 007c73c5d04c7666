package dev.gembatch.config;

/**
 * What becomes of a row still waiting on Flex when the job's deadline nears
 * ({@code model.flex-fallback}): sent at the standard tier, or left SKIPPED with
 * DEADLINE_REACHED for a later {@code resume} or {@code retry-failed} run.
 */
public enum FlexFallback { STANDARD, SKIP }
