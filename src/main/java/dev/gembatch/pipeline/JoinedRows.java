package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import dev.gembatch.report.RunCounters;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Turns each input row joined with its request's answer ({@code input..., key, skipStatus,
 * skipReason, answerKey, results..., source}) into the output row ({@code input...,
 * results...}): a row without a key was not sent and is SKIPPED with its status and reason. Counts every output row by status, and the rows answered from
 * the journal or an earlier output.
 */
final class JoinedRows implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** source value of answers reused from the journal of earlier runs or an earlier output. */
    static final int REUSED = 1;
    private static final int STATUS = ResultSchema.indexOf("status");
    private final int inputWidth;
    private final int resultWidth;
    private final RunCounters counters;

    JoinedRows(int inputWidth, int resultWidth, RunCounters counters) {
        this.inputWidth = inputWidth;
        this.resultWidth = resultWidth;
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
        Object[] result;
        if (row.isNullAt(inputWidth + 3)) {
            Answer skipped = Answer.skipped(ErrorStatus.valueOf(row.getString(inputWidth + 1)),
                    row.getString(inputWidth + 2), Instant.now());
            result = ResultValues.of(null, skipped);
            counters.countRequest(skipped, OutputRows.key(counters, row));
        } else {
            int results = inputWidth + 4;
            result = new Object[resultWidth];
            for (int i = 0; i < resultWidth; i++) {
                result[i] = row.get(results + i);
            }
            if (row.getInt(results + resultWidth) == REUSED) {
                counters.resumed(1);
            }
        }
        counters.countRow(Status.valueOf((String) result[STATUS]));
        return OutputRows.of(row, inputWidth, result);
    }
}
