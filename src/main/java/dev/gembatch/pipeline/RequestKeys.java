package dev.gembatch.pipeline;

import dev.gembatch.prompt.RequestBodies;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Appends each input row's request_id (null when the row has no prompt): the key that dedupes,
 * partitions and journals the requests. Sends nothing; a row's key depends on the row alone.
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
                Object[] values = new Object[row.length() + 1];
                for (int i = 0; i < row.length(); i++) {
                    values[i] = row.get(i);
                }
                values[row.length()] = key(row);
                return RowFactory.create(values);
            }
        };
    }

    private String key(Row row) {
        String prompt = plan.promptText(row);
        return prompt == null ? null
                : RequestBodies.requestId(plan.model(), plan.bodies().body(prompt,
                        plan.systemText(row)));
    }
}
