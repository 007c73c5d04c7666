package dev.gembatch.config;

import java.io.Serializable;
import java.util.Map;

/** The session gembatch builds when it is not run by spark-submit; partitions 0 = Spark's own split. */
public record SparkSettings(String master, int partitions, Map<String, String> conf)
        implements Serializable {

    public SparkSettings {
        conf = Map.copyOf(conf);
    }
}
