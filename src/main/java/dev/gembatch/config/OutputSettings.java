package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/** Where the Parquet result goes, what to do if it exists, and how its added columns are named. */
public record OutputSettings(String path, OutputMode mode, List<String> partitionBy,
                             String columnPrefix) implements Serializable {

    public OutputSettings {
        partitionBy = List.copyOf(partitionBy);
    }
}
