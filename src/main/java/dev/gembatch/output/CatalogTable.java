package dev.gembatch.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import dev.gembatch.config.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * An output table in one of the session's catalogs ({@code output.table}), written through
 * {@link DataFrameWriterV2} so that Iceberg, Delta and Hive tables behave as their catalog makes
 * them: {@code error-if-exists} creates it, {@code overwrite} replaces every row in one commit
 * (or re-creates the table when this job's columns differ), {@code append-new} appends rows
 * whose key the table does not hold (creating the table on the first run).
 *
 * <p>The name resolves as Spark resolves it: a first part naming a configured catalog
 * ({@code spark.sql.catalog.NAME}) is the catalog, else the session's current catalog; a name of
 * one part lies in the current namespace. The table's journal, lock and report files go in a
 * folder of its own, {@code <state>/<catalog>.<namespace>.<table>}, where {@code state} is
 * {@code output.table-state-path} or {@code <spark.sql.warehouse.dir>/_gembatch}.
 */
final class CatalogTable {
    /** The existing table's key column, renamed for the anti-join. */
    private static final String HELD_KEY = "_gembatch_held_key";
    private static final String SESSION_CATALOG = "spark_catalog";
    /** Prefix of the Spark properties that configure a catalog by name. */
    private static final String CATALOG_CONF = "spark.sql.catalog.";
    private final SparkSession spark;
    private final OutputSettings settings;
    private final TableName name;
    private final TableName namespace;
    private final boolean catalogNamed;

    private CatalogTable(SparkSession spark, OutputSettings settings, TableName name,
                         boolean catalogNamed) {
        this.spark = spark;
        this.settings = settings;
        this.name = name;
        this.namespace = new TableName(name.parts().subList(0, name.parts().size() - 1));
        this.catalogNamed = catalogNamed;
    }

    /** The table {@code settings.table()} names, resolved against the session's catalogs. */
    static CatalogTable resolve(SparkSession spark, OutputSettings settings) {
        List<String> parts = TableName.parse(settings.table().name()).parts();
        boolean named = parts.size() > 1 && isCatalog(spark, parts.get(0));
        List<String> full = new ArrayList<>();
        full.add(named ? parts.get(0) : spark.catalog().currentCatalog());
        if (parts.size() == 1) {
            full.add(spark.catalog().currentDatabase());
        }
        full.addAll(named ? parts.subList(1, parts.size()) : parts);
        return new CatalogTable(spark, settings, new TableName(full), named);
    }

    private static boolean isCatalog(SparkSession spark, String part) {
        return part.equals(SESSION_CATALOG) || spark.conf().contains(CATALOG_CONF + part);
    }

    /** The table's own folder for its journal, lock and report files. */
    String place() {
        String state = settings.table().statePath() != null ? settings.table().statePath()
                : spark.conf().get("spark.sql.warehouse.dir") + "/_gembatch";
        return OutputTarget.beside(state, "/" + name.toString().replace('/', '_'));
    }

    /** The name as Spark SQL reads it (parts quoted). */
    String quotedName() {
        return name.quoted();
    }

    /** The fully qualified name, as people read it. */
    @Override
    public String toString() {
        return name.toString();
    }

    /**
     * What refuses the job before anything is sent: an unknown catalog or namespace, Spark's
     * built-in session catalog (its tables are v1: DataFrameWriterV2 cannot append to or replace
     * them), a table that exists under {@code error-if-exists}, one whose columns differ from
     * the rows {@code append-new} would add ({@code outSchema}; null when the input could not be
     * read).
     */
    List<String> problems(StructType outSchema) {
        try {
            List<String> place = new ArrayList<>();
            if (!spark.catalog().databaseExists(namespace.quoted())) {
                place.add(unknownNamespace());
            }
            if (name.parts().get(0).equals(SESSION_CATALOG)
                    && !spark.conf().contains(CATALOG_CONF + SESSION_CATALOG)) {
                place.add(builtInSessionCatalog());
            }
            if (!place.isEmpty()) {
                return place;
            }
            if (!exists()) {
                return List.of();
            }
            if (settings.mode() == OutputMode.ERROR_IF_EXISTS) {
                return List.of("output.table: '" + name + "' already exists; set output.mode ="
                        + " overwrite or append-new, or choose another table");
            }
            if (settings.mode() == OutputMode.APPEND_NEW && outSchema != null) {
                List<String> differences = ColumnDifferences.between(schema(), outSchema,
                        List.of());
                return differences.isEmpty() ? List.of() : List.of("output.table: appending to '"
                        + name + "', whose columns differ from this job's ("
                        + String.join("; ", differences) + "); write to a new table, or use"
                        + " output.mode = overwrite");
            }
            return List.of();
        } catch (RuntimeException e) {
            return List.of("output.table: '" + settings.table().name() + "' cannot be looked up in"
                    + " catalog '" + name.parts().get(0) + "': " + String.valueOf(e.getMessage())
                    .lines().findFirst().orElse(""));
        }
    }

    private String unknownNamespace() {
        String catalog = name.parts().get(0);
        String ns = new TableName(namespace.parts().subList(1, namespace.parts().size()))
                .toString();
        String first = TableName.parse(settings.table().name()).parts().get(0);
        return "output.table: namespace '" + ns + "' does not exist in catalog '" + catalog
                + "' (catalogs configured: " + String.join(", ", catalogs()) + "); create it"
                + " with CREATE NAMESPACE" + (catalogNamed || first.equals(ns) ? ""
                : ", or, if '" + first + "' is meant as a catalog, configure it with --conf"
                        + " " + CATALOG_CONF + first + "=<catalog class>");
    }

    private String builtInSessionCatalog() {
        return "output.table: '" + name + "' lies in Spark's built-in session catalog, whose"
                + " Parquet and Hive tables DataFrameWriterV2 cannot append to or replace;"
                + " name a table of a table format's catalog (catalogs configured: "
                + String.join(", ", catalogs()) + "), or give the session catalog one: --conf "
                + CATALOG_CONF + SESSION_CATALOG + "=org.apache.spark.sql.delta.catalog"
                + ".DeltaCatalog (Delta) or org.apache.iceberg.spark.SparkSessionCatalog"
                + " (Iceberg)";
    }

    /** The catalogs the session is configured with. */
    private List<String> catalogs() {
        List<String> names = new ArrayList<>(List.of(SESSION_CATALOG));
        Arrays.stream(spark.conf().getAll().keys().mkString("\n").split("\n"))
                .filter(k -> k.matches("spark\\.sql\\.catalog\\.[^.]+"))
                .map(k -> k.substring(CATALOG_CONF.length()))
                .filter(k -> !names.contains(k)).sorted().forEach(names::add);
        return names;
    }

    private boolean exists() {
        return spark.catalog().tableExists(name.quoted());
    }

    private StructType schema() {
        return spark.table(name.quoted()).schema();
    }

    /**
     * {@code rows} less those whose {@code idColumn} value the table already holds, as a Spark
     * anti-join (no key reaches the driver); all of {@code rows} unless appending new rows to an
     * existing table.
     */
    Dataset<Row> unanswered(Dataset<Row> rows, String idColumn) {
        if (settings.mode() != OutputMode.APPEND_NEW || !exists()) {
            return rows;
        }
        Dataset<Row> held = spark.table(name.quoted())
                .select(col(TableName.quote(idColumn)).as(HELD_KEY));
        return rows.join(held, rows.col(TableName.quote(idColumn)).equalTo(held.col(HELD_KEY)),
                "left_anti");
    }

    /** Writes the answered rows in one commit (the action that sends the requests). */
    void write(Dataset<Row> answered) throws IOException {
        DataFrameWriterV2<Row> writer = answered.writeTo(name.quoted());
        try {
            switch (settings.mode()) {
                case OVERWRITE -> {
                    if (exists() && ColumnDifferences.between(schema(), answered.schema(),
                            List.of()).isEmpty()) {
                        writer.overwrite(lit(true));
                    } else {
                        creating(writer).createOrReplace();
                    }
                }
                case APPEND_NEW -> {
                    if (exists()) {
                        writer.append();
                    } else {
                        creating(writer).create();
                    }
                }
                default -> creating(writer).create();
            }
        } catch (AnalysisException e) {
            throw new IOException("cannot write the table '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The writer of a table this run creates: its partitioning and provider. */
    private CreateTableWriter<Row> creating(DataFrameWriterV2<Row> writer) {
        List<String> by = settings.partitionBy();
        CreateTableWriter<Row> created = by.isEmpty() ? writer
                : writer.partitionedBy(col(TableName.quote(by.get(0))), by.subList(1, by.size())
                        .stream().map(c -> col(TableName.quote(c))).toArray(Column[]::new));
        String provider = settings.table().provider();
        return provider == null ? created : created.using(provider);
    }
}
