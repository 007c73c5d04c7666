package dev.gembatch.reuse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gembatch.output.ResultSchema;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.report.RunCounters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The answering plan with dedupe and the journal, evaluated by the one write action: key every
 * input row by its request_id, leave out the requests already known (journal, earlier output),
 * hash-partition the rest by request_id (deterministic, so a retried task sees the same
 * requests and finds its journal), sort each partition so identical requests are adjacent and
 * sent once, then join every input row back to its answer.
 */
final class DedupedAnswers {
    private static final String ID = KnownAnswers.PREFIX + "id";
    private static final String SKIP_STATUS = KnownAnswers.PREFIX + "skip_status";
    private static final String SKIP_REASON = KnownAnswers.PREFIX + "skip_reason";

    private DedupedAnswers() {
    }

    /**
     * Each row of {@code input} with its request_id, and the error status and reason of a row
     * that is not sent: what {@link #plan} reads twice (the requests, and the rows it joins
     * back), so a caller whose input is costly to compute may persist it.
     */
    static Dataset<Row> keyed(Dataset<Row> input, RowPlan plan) {
        StructType keyedSchema = input.schema().add(ID, DataTypes.StringType)
                .add(SKIP_STATUS, DataTypes.StringType).add(SKIP_REASON, DataTypes.StringType);
        return input.mapPartitions(new RequestKeys(plan), Encoders.row(keyedSchema));
    }

    /**
     * The output rows ({@code outSchema}) for the {@link #keyed} rows, sending only requests
     * absent from {@code known} (null for none) over {@code partitions} hash partitions.
     */
    static Dataset<Row> plan(Dataset<Row> keyed, RowPlan plan, RunCounters counters,
                             Journal journal, Dataset<Row> known, int partitions,
                             StructType outSchema) {
        Dataset<Row> answers = answer(keyed, plan, counters, journal, known, partitions);
        Dataset<Row> all = known == null ? answers : answers.union(known);
        Dataset<Row> joined = keyed.join(all, keyed.col(ID).equalTo(all.col(KnownAnswers.KEY)),
                "left_outer");
        return joined.mapPartitions(new JoinedRows(keyed.schema().fieldIndex(ID),
                ResultSchema.width(), counters), Encoders.row(outSchema));
    }

    private static Dataset<Row> answer(Dataset<Row> keyed, RowPlan plan, RunCounters counters,
                                       Journal journal, Dataset<Row> known, int partitions) {
        Dataset<Row> requests = keyed.where(col(ID).isNotNull());
        if (known != null) {
            requests = requests.join(known, requests.col(ID).equalTo(known.col(KnownAnswers.KEY)),
                    "left_anti");
        }
        int keyIndex = keyed.schema().fieldIndex(ID);
        Dataset<Row> answered = requests.repartition(partitions, col(ID)).sortWithinPartitions(ID)
                .mapPartitions(new JournaledAnswerer(plan, counters, journal, keyIndex),
                        Encoders.row(ResultSchema.appendTo(keyed.schema(), KnownAnswers.PREFIX)));
        List<Column> columns = new ArrayList<>();
        columns.add(col(ID).as(KnownAnswers.KEY));
        for (String name : ResultSchema.columnNames(KnownAnswers.PREFIX)) {
            columns.add(col(name));
        }
        columns.add(lit(0).as(KnownAnswers.SOURCE));
        return answered.select(columns.toArray(Column[]::new));
    }
}
