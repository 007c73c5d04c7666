package dev.gembatch.reuse;

import static org.apache.spark.sql.functions.col;

import dev.gembatch.output.ResultSchema;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.report.RunCounters;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The answering plan with dedupe and the journal, evaluated by the one write action: key every
 * input row by its request_id, leave out the requests already known (journal, earlier output),
 * hash-partition the rest by request_id (deterministic, so a retried task sees the same
 * requests and finds its journal), sort each partition so identical requests are adjacent and
 * sent once, then join every input row back to its answer.
 */
final class DedupedAnswers {
    /** Prefix of the result columns the answering tasks append to the keyed rows. */
    private static final String RESULT_PREFIX = "__gb_result_";
    private static final String REQUEST_ID = RequestKeys.REQUEST_ID;

    private DedupedAnswers() {
    }

    /**
     * Each row of {@code input} with its request key (see {@link RequestKeys}): what
     * {@link #plan} reads twice (the requests, and the rows it joins back), so a caller whose
     * input is costly to compute may persist it.
     */
    static Dataset<Row> keyed(Dataset<Row> input, RowPlan plan) {
        return input.mapPartitions(new RequestKeys(plan),
                Encoders.row(RequestKeys.appendTo(input.schema())));
    }

    /**
     * The output rows ({@code outSchema}) for the {@link #keyed} rows, sending only requests
     * absent from {@code known} ({@link KeyedAnswer} rows, null for none) over
     * {@code partitions} hash partitions; with the answer store's columns when {@code storeRun}
     * (this run's store id) is not null.
     */
    static Dataset<Row> plan(Dataset<Row> keyed, RowPlan plan, RunCounters counters,
                             Journal journal, Dataset<Row> known, int partitions,
                             StructType outSchema, String storeRun) {
        Dataset<Row> answers = answer(keyed, plan, counters, journal, known, partitions);
        Dataset<Row> all = known == null ? answers : answers.union(known);
        Dataset<Row> joined = keyed.join(all,
                keyed.col(REQUEST_ID).equalTo(all.col(KeyedAnswer.REQUEST_ID)), "left_outer");
        return joined.mapPartitions(new JoinedRows(RequestKeys.inputWidth(keyed.schema()),
                counters, storeRun), Encoders.row(outSchema));
    }

    /** The {@link KeyedAnswer} rows of the requests this run sends. */
    private static Dataset<Row> answer(Dataset<Row> keyed, RowPlan plan, RunCounters counters,
                                       Journal journal, Dataset<Row> known, int partitions) {
        Dataset<Row> requests = keyed.where(col(REQUEST_ID).isNotNull());
        if (known != null) {
            requests = requests.join(known,
                    requests.col(REQUEST_ID).equalTo(known.col(KeyedAnswer.REQUEST_ID)),
                    "left_anti");
        }
        Dataset<Row> answered = requests.repartition(partitions, col(REQUEST_ID))
                .sortWithinPartitions(REQUEST_ID)
                .mapPartitions(new JournaledAnswerer(plan, counters, journal),
                        Encoders.row(ResultSchema.appendTo(keyed.schema(), RESULT_PREFIX)));
        return KeyedAnswer.select(answered, REQUEST_ID, RESULT_PREFIX, false, null);
    }
}
