package dev.gembatch.input;

import dev.gembatch.config.CsvSettings;
import dev.gembatch.config.InputSettings;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a CSV input in two passes: the header alone (column names, a UTF-8 byte order mark
 * removed from the first), then the rows against that schema plus a hidden column in which
 * Spark's PERMISSIVE mode keeps the raw text of each record whose field count differs from the
 * header's.
 */
final class CsvInput {
    private static final char BOM = '\uFEFF';

    private CsvInput() {
    }

    static Dataset<Row> read(SparkSession spark, InputSettings in) throws InvalidInputException {
        StructType header = reader(spark, in.csv()).csv(in.path()).schema();
        if (header.fields().length == 0) {
            throw InputTable.problem("input.path: '" + in.path() + "' is empty (not even a header"
                    + " line); a CSV input needs at least its header");
        }
        StructType schema = withoutBom(header).add(InputTable.MALFORMED, DataTypes.StringType);
        return reader(spark, in.csv())
                .option("columnNameOfCorruptRecord", InputTable.MALFORMED)
                .schema(schema)
                .csv(in.path());
    }

    /** The header's schema with a leading byte order mark dropped from the first column name. */
    static StructType withoutBom(StructType header) {
        StructField[] fields = header.fields().clone();
        String first = fields[0].name();
        if (!first.isEmpty() && first.charAt(0) == BOM) {
            fields[0] = new StructField(first.substring(1), fields[0].dataType(),
                    fields[0].nullable(), fields[0].metadata());
        }
        return new StructType(fields);
    }

    private static DataFrameReader reader(SparkSession spark, CsvSettings csv) {
        return spark.read()
                .option("header", csv.header())
                .option("sep", csv.delimiter())
                .option("quote", csv.quote())
                .option("escape", csv.escape())
                .option("multiLine", csv.multiline())
                .option("encoding", csv.encoding())
                .option("inferSchema", false)
                .option("mode", "PERMISSIVE");
    }
}
