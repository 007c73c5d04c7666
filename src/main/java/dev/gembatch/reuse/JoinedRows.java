package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import dev.gembatch.pipeline.OutputRows;
import dev.gembatch.report.RunCounters;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Turns each keyed input row joined with its request's {@link KeyedAnswer} into the output row
 * (its input columns, then the result columns): a row without an answer was not sent and is
 * SKIPPED with the status and reason of its request key. With the answer store on
 * ({@code storeRun} is this run's store id), each row also says whether its answer came from the
 * store and the run that first answered it (this run for the others; none for a row not sent).
 * Counts every output row by status, the rows whose answer was reused from the journal or an
 * earlier output, and those answered from the store with their tokens.
 */
final class JoinedRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int STATUS = ResultSchema.indexOf("status");
    private final int inputWidth;
    private static final int PROMPT_TOKENS = ResultSchema.indexOf("prompt_tokens");
    private static final int OUTPUT_TOKENS = ResultSchema.indexOf("output_tokens");
    private static final int THOUGHTS_TOKENS = ResultSchema.indexOf("thoughts_tokens");
    private final RunCounters counters;
    private final String storeRun;

    JoinedRows(int inputWidth, RunCounters counters, String storeRun) {
        this.inputWidth = inputWidth;
        this.counters = counters;
        this.storeRun = storeRun;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> joined) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return joined.hasNext();
            }

            @Override
            public Row next() {
                return output(joined.next());
            }
        };
    }

    private Row output(Row row) {
        KeyedAnswer answer = KeyedAnswer.joinedTo(row);
        Object[] result;
        if (answer == null) {
            Answer skipped = RequestKeys.skipped(row, Instant.now());
            result = ResultValues.of(null, skipped);
            counters.countRequest(skipped, OutputRows.key(counters, row));
        } else {
            result = answer.resultValues();
            if (answer.reused()) {
                counters.reused(1);
            }
        }
        counters.countRow(Status.valueOf((String) result[STATUS]));
        if (storeRun != null) {
            result = withStoreColumns(result, answer);
        }
        return OutputRows.of(row, inputWidth, result);
    }

    /** The result values followed by from_store and the run that first answered it. */
    private Object[] withStoreColumns(Object[] result, KeyedAnswer answer) {
        Object[] out = Arrays.copyOf(result, result.length + 2);
        boolean fromStore = answer != null && answer.storeRun() != null;
        out[result.length] = fromStore;
        out[result.length + 1] = answer == null ? null : fromStore ? answer.storeRun() : storeRun;
        if (fromStore) {
            counters.fromStore(tokens(result[PROMPT_TOKENS]), tokens(result[OUTPUT_TOKENS]),
                    tokens(result[THOUGHTS_TOKENS]));
        }
        return out;
    }

    private static long tokens(Object count) {
        return count == null ? 0 : ((Number) count).longValue();
    }
}
