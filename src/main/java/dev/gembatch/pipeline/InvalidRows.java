package dev.gembatch.pipeline;

import dev.gembatch.model.Answer;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.output.ResultValues;
import dev.gembatch.report.InputProblems;
import dev.gembatch.report.RunCounters;
import java.time.Instant;
import java.util.Arrays;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;

/**
 * Turns an input row that cannot be sent (its last column says why) into its output row: the
 * input columns unchanged and, for each of the job's answer columns, status SKIPPED,
 * {@code error_status = INVALID_INPUT} and the reason as the error message, followed by
 * {@code tail} (the values of the columns a job adds after each answer's result columns, such
 * as the answer store's; empty for none). Counted with the answered rows (once per answer
 * column) and tallied in {@link InputProblems}.
 */
public final class InvalidRows implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RunCounters counters;
    private final InputProblems problems;
    private final int answers;
    private final Object[] tail;

    public InvalidRows(RunCounters counters, InputProblems problems, int answers, Object[] tail) {
        this.counters = counters;
        this.problems = problems;
        this.answers = answers;
        this.tail = tail.clone();
    }

    @Override
    public Row call(Row row) {
        int width = row.length() - 1;
        String reason = row.getString(width);
        Answer skipped = Answer.skipped(ErrorStatus.INVALID_INPUT, reason, Instant.now());
        Object[] result = ResultValues.of(null, skipped);
        Object[] one = Arrays.copyOf(result, result.length + tail.length);
        System.arraycopy(tail, 0, one, result.length, tail.length);
        Object[] results = new Object[one.length * answers];
        for (int i = 0; i < answers; i++) {
            counters.count(skipped, OutputRows.key(counters, row));
            System.arraycopy(one, 0, results, i * one.length, one.length);
        }
        problems.add(reason);
        return OutputRows.of(row, width, results);
    }
}
