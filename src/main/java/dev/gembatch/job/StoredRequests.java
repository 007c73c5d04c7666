package dev.gembatch.job;

import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RowRequest;
import dev.gembatch.store.AnswerStore;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * For the dry run: the rows of one answer column whose request the answer store does not hold
 * (they would be sent), and how many rows it holds (they would be written from the store, at no
 * cost). The lookup is the run's own: a Spark join of the rows' request ids with the store's
 * answers of the column's model.
 */
record StoredRequests(Dataset<Row> unheld, long heldRows) {
    private static final String ID = "__gb_dry_request_id";

    /** {@code rows} split by whether {@code store} holds the request {@code plan} makes of each. */
    static StoredRequests split(Dataset<Row> rows, RowPlan plan, AnswerStore store) {
        StructType keyed = rows.schema().add(ID, DataTypes.StringType);
        Dataset<Row> withIds = rows.mapPartitions(new RequestIds(plan), Encoders.row(keyed));
        Dataset<Row> hits = store.hits(withIds.where(withIds.col(ID).isNotNull()), ID,
                plan.model());
        if (hits == null) {
            return new StoredRequests(rows, 0);
        }
        Dataset<Row> held = hits.select(hits.col("request_id").as(ID));
        Dataset<Row> unheld = withIds.join(held, withIds.col(ID).equalTo(held.col(ID)),
                "left_anti").drop(ID);
        long heldRows = withIds.join(held, withIds.col(ID).equalTo(held.col(ID)), "left_semi")
                .count();
        return new StoredRequests(unheld, heldRows);
    }

    /** Appends each row's request_id (null when the row is not sent). */
    private record RequestIds(RowPlan plan) implements MapPartitionsFunction<Row, Row> {
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
                    RowRequest request = plan.request(row);
                    values[row.length()] = request.sendable() ? request.requestId() : null;
                    return RowFactory.create(values);
                }
            };
        }
    }
}
