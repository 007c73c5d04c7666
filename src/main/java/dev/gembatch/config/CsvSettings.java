package dev.gembatch.config;

import java.io.Serializable;

/** Spark CSV reader options; the defaults read RFC 4180 files with quoted newlines. */
public record CsvSettings(boolean header, String delimiter, String quote, String escape,
                          boolean multiline, String encoding) implements Serializable {
}
