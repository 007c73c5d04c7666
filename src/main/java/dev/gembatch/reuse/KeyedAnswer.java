package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One request's answer as the plan joins it back to every row sharing the request: its
 * request_id, its result values (one struct in {@link ResultSchema} order), whether it was
 * reused (from the journal of an earlier run, or an earlier output) rather than sent by this
 * run, and the run that first answered it when it comes from the answer store (else null). The
 * rows of {@link #SCHEMA} are read by column name, never by position.
 */
record KeyedAnswer(String requestId, Row result, boolean reused, String storeRun) {
    static final String REQUEST_ID = "__gb_answer_request_id";
    private static final String RESULT = "__gb_answer_result";
    private static final String REUSED = "__gb_answer_reused";
    private static final String STORE_RUN = "__gb_answer_store_run";
    private static final StructType RESULT_TYPE = ResultSchema.appendTo(new StructType(), "");
    /** request_id, the result struct, reused, the store run. */
    static final StructType SCHEMA = new StructType().add(REQUEST_ID, DataTypes.StringType)
            .add(RESULT, RESULT_TYPE).add(REUSED, DataTypes.BooleanType)
            .add(STORE_RUN, DataTypes.StringType);

    /** An answer an earlier run journaled. */
    static KeyedAnswer fromJournal(String requestId, Answer answer) {
        return new KeyedAnswer(requestId, RowFactory.create(ResultValues.of(requestId, answer)),
                true, null);
    }

    /**
     * The answers in {@code rows}, as rows of {@link #SCHEMA}: the request_id column
     * {@code requestId} and the result columns named {@code resultPrefix} + their name; the
     * store run from column {@code storeRun} (null: none).
     */
    static Dataset<Row> select(Dataset<Row> rows, String requestId, String resultPrefix,
                               boolean reused, String storeRun) {
        List<Column> results = new ArrayList<>();
        for (StructField f : RESULT_TYPE.fields()) {
            results.add(column(resultPrefix + f.name()).cast(f.dataType()).as(f.name()));
        }
        return rows.select(column(requestId).as(REQUEST_ID),
                functions.struct(results.toArray(Column[]::new)).as(RESULT),
                functions.lit(reused).as(REUSED), (storeRun == null
                        ? functions.lit(null).cast(DataTypes.StringType) : column(storeRun))
                        .as(STORE_RUN));
    }

    /** The answer joined to {@code row} (a row with {@link #SCHEMA}'s columns), or null. */
    static KeyedAnswer joinedTo(Row row) {
        String requestId = row.getString(row.fieldIndex(REQUEST_ID));
        return requestId == null ? null : new KeyedAnswer(requestId,
                row.getStruct(row.fieldIndex(RESULT)), row.getBoolean(row.fieldIndex(REUSED)),
                row.getString(row.fieldIndex(STORE_RUN)));
    }

    /** The result values, in {@link ResultSchema} order. */
    Object[] resultValues() {
        Object[] values = new Object[result.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = result.get(i);
        }
        return values;
    }

    /** This answer as a row of {@link #SCHEMA}. */
    Row toRow() {
        return RowFactory.create(requestId, result, reused, storeRun);
    }

    /** The column named exactly {@code name} (dots and backticks in it quoted). */
    static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }
}
