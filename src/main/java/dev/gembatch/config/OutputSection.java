package dev.gembatch.config;

import java.util.Set;

/**
 * Reads and checks the output section: exactly one of {@code output.path} (a Parquet folder)
 * and {@code output.table} (a catalog table), and a mode that fits the target.
 */
final class OutputSection {
    private static final String COLUMN_NAME_FORBIDDEN = " ,;{}()\n\t=";
    private static final Set<OutputMode> TABLE_MODES = Set.of(OutputMode.ERROR_IF_EXISTS,
            OutputMode.OVERWRITE, OutputMode.APPEND_NEW);

    private OutputSection() {
    }

    /** The output section; neither path nor table is read for a Dataset ({@code dataset}). */
    static OutputSettings output(Reader r, boolean dataset) {
        String prefix = r.string("output.column-prefix");
        if (prefix != null && prefix.chars().anyMatch(c -> COLUMN_NAME_FORBIDDEN.indexOf(c) >= 0)) {
            r.problems().bad(r.config(), "output.column-prefix",
                    "must not contain spaces or any of ,;{}()= (Parquet column names)");
        }
        OutputMode mode = r.enumValue("output.mode", OutputMode.class);
        String path = dataset ? null : nonBlank(r, "output.path");
        String table = dataset ? null : table(r);
        String statePath = nonBlank(r, "output.table-state-path");
        String provider = nonBlank(r, "output.table-provider");
        if (!dataset) {
            target(r, path, table, mode);
            tableOnly(r, table, "output.table-state-path", statePath);
            tableOnly(r, table, "output.table-provider", provider);
        }
        return new OutputSettings(path, table == null ? null
                : new TableSettings(table, provider, statePath), mode,
                IoSections.nonBlank(r, "output.partition-by", r.stringList("output.partition-by")),
                prefix);
    }

    private static void tableOnly(Reader r, String table, String key, String value) {
        if (table == null && value != null) {
            r.problems().bad(r.config(), key, "is used only with output.table");
        }
    }

    private static String nonBlank(Reader r, String path) {
        String value = r.optionalString(path);
        if (value != null && value.isBlank()) {
            r.problems().bad(r.config(), path, "must not be blank (or null to unset)");
            return null;
        }
        return value;
    }

    private static String table(Reader r) {
        String table = nonBlank(r, "output.table");
        if (table != null) {
            try {
                TableName.parse(table);
            } catch (IllegalArgumentException e) {
                r.problems().bad(r.config(), "output.table", "must be a table name such as"
                        + " catalog.namespace.table (" + e.getMessage() + ")");
            }
        }
        return table;
    }

    /** Exactly one target, and a mode and keys that fit it. */
    private static void target(Reader r, String path, String table, OutputMode mode) {
        if (path != null && table != null) {
            r.problems().bad(r.config(), "output.table", "set exactly one of output.path (a"
                    + " Parquet folder) and output.table (a catalog table); output.path is set"
                    + " too");
        } else if (path == null && table == null && r.isNull("output.path")
                && r.isNull("output.table")) {
            r.problems().missing("output.path", "required, not set: set output.path (a Parquet"
                    + " folder) or output.table (a catalog table)");
        }
        if (table != null && mode != null && !TABLE_MODES.contains(mode)) {
            r.problems().bad(r.config(), "output.mode", "must be error-if-exists, overwrite or"
                    + " append-new with output.table");
        } else if (table == null && path != null && mode == OutputMode.APPEND_NEW) {
            r.problems().bad(r.config(), "output.mode", "append-new writes a catalog table: set"
                    + " output.table instead of output.path, or use append or resume");
        }
        if (mode == OutputMode.APPEND_NEW && r.isNull("input.id-column")) {
            r.problems().bad(r.config(), "output.mode", "append-new needs input.id-column, the"
                    + " stable row key that tells which rows the table already holds");
        }
    }
}
