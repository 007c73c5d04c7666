package dev.gembatch.input;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The first rows of an input, read without Spark, and the columns they have. */
public record FirstRows(StructType schema, List<Row> rows) {
    public FirstRows {
        rows = List.copyOf(rows);
    }
}
