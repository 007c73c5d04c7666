package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RowRequest;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Appends each input row's request key: its request_id (null when the row is not sent), and the
 * error status and reason of a row that is not sent (null when it is): the key dedupes,
 * partitions and journals the requests. Sends nothing; a row's key depends on the row alone.
 * The one home of these columns: the keyed rows are read through {@link #requestId} and
 * {@link #skipped}.
 */
final class RequestKeys implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final String REQUEST_ID = "__gb_request_id";
    private static final String SKIP_STATUS = "__gb_skip_status";
    private static final String SKIP_REASON = "__gb_skip_reason";
    private final RowPlan plan;

    RequestKeys(RowPlan plan) {
        this.plan = plan;
    }

    /** The schema of rows of {@code input} with their request key appended. */
    static StructType appendTo(StructType input) {
        return input.add(REQUEST_ID, DataTypes.StringType)
                .add(SKIP_STATUS, DataTypes.StringType).add(SKIP_REASON, DataTypes.StringType);
    }

    /** How many input columns come before the request key in rows of {@code keyed} schema. */
    static int inputWidth(StructType keyed) {
        return keyed.fieldIndex(REQUEST_ID);
    }

    /** The request_id column of the keyed rows. */
    static Column requestIdColumn() {
        return functions.col(REQUEST_ID);
    }

    /** The request_id of a keyed row, or null when the row is not sent. */
    static String requestId(Row keyed) {
        return keyed.getString(keyed.fieldIndex(REQUEST_ID));
    }

    /** The SKIPPED answer of a keyed row that is not sent, with its status and reason. */
    static Answer skipped(Row keyed, Instant at) {
        return Answer.skipped(ErrorStatus.valueOf(keyed.getString(keyed.fieldIndex(SKIP_STATUS))),
                keyed.getString(keyed.fieldIndex(SKIP_REASON)), at);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                Object[] values = new Object[row.length() + 3];
                for (int i = 0; i < row.length(); i++) {
                    values[i] = row.get(i);
                }
                RowRequest request = plan.request(row); // in the order of appendTo
                values[row.length()] = request.requestId();
                values[row.length() + 1] = request.sendable() ? null : request.skipStatus().name();
                values[row.length() + 2] = request.skipReason();
                return RowFactory.create(values);
            }
        };
    }
}
