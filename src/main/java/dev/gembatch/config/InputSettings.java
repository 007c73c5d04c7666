package dev.gembatch.config;

import java.io.Serializable;

/** Where and how to read the input table; {@code idColumn} is null when the key derives from the row. */
public record InputSettings(String path, InputFormat format, CsvSettings csv, String idColumn)
        implements Serializable {
}
