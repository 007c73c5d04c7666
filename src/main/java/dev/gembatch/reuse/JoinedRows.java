package dev.gembatch.reuse;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import dev.gembatch.pipeline.OutputRows;
import dev.gembatch.report.RunCounters;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Turns each keyed input row joined with its request's {@link KeyedAnswer} into the output row
 * (its input columns, then the result columns): a row without an answer was not sent and is
 * SKIPPED with the status and reason of its request key. Counts every output row by status,
 * and the rows whose answer was reused from the journal or an earlier output.
 */
final class JoinedRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final int STATUS = ResultSchema.indexOf("status");
    private final int inputWidth;
    private final RunCounters counters;

    JoinedRows(int inputWidth, RunCounters counters) {
        this.inputWidth = inputWidth;
        this.counters = counters;
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
        return OutputRows.of(row, inputWidth, result);
    }
}
