package dev.gembatch.config;

/** What to do when the output path already exists. */
public enum OutputMode { ERROR_IF_EXISTS, OVERWRITE, APPEND }
