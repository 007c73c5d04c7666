package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * Where the result goes (a Parquet folder {@code path}, or a catalog {@code table}: exactly one
 * is set, neither for a Dataset), what to do if it exists, and how its added columns are named.
 */
public record OutputSettings(String path, TableSettings table, OutputMode mode,
                             List<String> partitionBy, String columnPrefix)
        implements Serializable {

    public OutputSettings {
        partitionBy = List.copyOf(partitionBy);
    }

    /** A Parquet folder output. */
    public static OutputSettings folder(String path, OutputMode mode, List<String> partitionBy,
                                        String columnPrefix) {
        return new OutputSettings(path, null, mode, partitionBy, columnPrefix);
    }
}
