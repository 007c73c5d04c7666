package dev.gembatch.config;

import java.io.Serializable;

/**
 * A catalog table output: its {@code name} ({@code output.table}, see {@link TableName}), the
 * {@code provider} a table gembatch creates is made with ({@code output.table-provider}, e.g.
 * {@code delta}; null: the catalog's default) and the folder of its journal, lock and report
 * files ({@code output.table-state-path}; null: under Spark's warehouse folder).
 */
public record TableSettings(String name, String provider, String statePath)
        implements Serializable {
}
