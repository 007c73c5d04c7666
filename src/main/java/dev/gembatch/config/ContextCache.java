package dev.gembatch.config;

/**
 * Whether the part of every request that is the same for every row (a system instruction
 * without placeholders, tools, tool config) goes into an explicit Gemini context cache
 * ({@code model.context-cache}): AUTO (when the driver's estimate says the cache pays), ON
 * (always; a job error when the shared part is under the model's minimum) or OFF.
 */
public enum ContextCache { AUTO, ON, OFF }
