package dev.gembatch.config;

/** How to read the input: by file extension, or CSV, Parquet, JSON lines. */
public enum InputFormat { AUTO, CSV, PARQUET, JSON }
