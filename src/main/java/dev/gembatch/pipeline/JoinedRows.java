package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.output.ResultValues;
import dev.gembatch.report.RunCounters;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns each input row joined with its request's answer ({@code input..., key, answerKey,
 * results..., source}) into the output row ({@code input..., results...}): a row without a key
 * had no prompt and is SKIPPED. Counts every output row by status, and the rows answered from
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
        Object[] values = new Object[inputWidth + resultWidth];
        for (int i = 0; i < inputWidth; i++) {
            values[i] = row.get(i);
        }
        int results = inputWidth + 2;
        if (row.isNullAt(inputWidth + 1)) {
            Answer skipped = Answer.skipped("INVALID_INPUT", "the prompt is null or blank",
                    Instant.now());
            System.arraycopy(ResultValues.of(null, skipped), 0, values, inputWidth, resultWidth);
            counters.countRequest(skipped, counters.keyColumn() == null ? null
                    : String.valueOf(row.get(row.fieldIndex(counters.keyColumn()))));
        } else {
            for (int i = 0; i < resultWidth; i++) {
                values[inputWidth + i] = row.get(results + i);
            }
            if (row.getInt(results + resultWidth) == REUSED) {
                counters.resumed(1);
            }
        }
        counters.countRow(Status.valueOf((String) values[inputWidth + STATUS]));
        return RowFactory.create(values);
    }
}
