package dev.gembatch.pipeline;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Appends each input row's request_id (null when the row is not sent), and the error status and
 * reason of a row that is not sent (null when it is): the key dedupes, partitions and journals the requests. Sends
 * nothing; a row's key depends on the row alone.
 */
final class RequestKeys implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;

    RequestKeys(RowPlan plan) {
        this.plan = plan;
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
                RowRequest request = plan.request(row);
                values[row.length()] = request.requestId();
                values[row.length() + 1] = request.sendable() ? null : request.skipStatus().name();
                values[row.length() + 2] = request.skipReason();
                return RowFactory.create(values);
            }
        };
    }
}
