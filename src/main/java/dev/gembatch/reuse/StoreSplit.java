package dev.gembatch.reuse;

import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.store.AnswerStore;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * For the dry run: the rows of one answer column whose request the answer store does not hold
 * ({@code unheld}, they would be sent), and how many rows it holds ({@code heldRows}, they would
 * be written from the store at no cost). The lookup is the run's own: the rows' request keys
 * joined with the store's answers of the column's model.
 */
public record StoreSplit(Dataset<Row> unheld, long heldRows) {

    static StoreSplit of(Dataset<Row> rows, RowPlan plan, AnswerStore store) {
        Dataset<Row> keyed = DedupedAnswers.keyed(rows, plan);
        Dataset<Row> hits = store.hits(keyed.where(RequestKeys.requestIdColumn().isNotNull()),
                RequestKeys.REQUEST_ID, plan.model());
        if (hits == null) {
            return new StoreSplit(rows, 0);
        }
        Dataset<Row> held = hits.select(hits.col("request_id").as("__gb_held_id"));
        Column same = keyed.col(RequestKeys.REQUEST_ID).equalTo(held.col("__gb_held_id"));
        Column[] input = Arrays.stream(rows.columns()).map(keyed::col).toArray(Column[]::new);
        return new StoreSplit(keyed.join(held, same, "left_anti").select(input),
                keyed.join(held, same, "left_semi").count());
    }
}
