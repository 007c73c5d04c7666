package dev.gembatch.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the columns of rows to be added differ from an existing output's: every column must have
 * the same name and type (nullability aside; partition columns of a folder, whose type Spark
 * infers from folder names, by name only). Appending must not mix row layouts in one output.
 */
final class ColumnDifferences {
    private ColumnDifferences() {
    }

    /** The differences, each said in a few words; empty when the layouts match. */
    static List<String> between(StructType existing, StructType added, List<String> byNameOnly) {
        List<String> differences = new ArrayList<>();
        List<String> names = Arrays.asList(existing.fieldNames());
        for (StructField f : added.fields()) {
            if (!names.contains(f.name())) {
                differences.add("new column " + f.name());
            } else if (!byNameOnly.contains(f.name()) && !f.dataType().catalogString()
                    .equals(existing.apply(f.name()).dataType().catalogString())) {
                differences.add(f.name() + " is " + f.dataType().catalogString() + ", was "
                        + existing.apply(f.name()).dataType().catalogString());
            }
        }
        for (String name : existing.fieldNames()) {
            if (!Arrays.asList(added.fieldNames()).contains(name)) {
                differences.add("no column " + name);
            }
        }
        return differences;
    }
}
