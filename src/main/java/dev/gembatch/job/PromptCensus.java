package dev.gembatch.job;

import dev.gembatch.pipeline.RowPlan;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Renders every prompt of a partition without sending it, and counts the rows, the rows that
 * would be sent and the characters (code points) of their prompt and system
 * instruction. Its only field is the plan.
 */
final class PromptCensus implements FlatMapFunction<Iterator<Row>, PromptCensus.Totals> {
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;

    PromptCensus(RowPlan plan) {
        this.plan = plan;
    }

    /** Rows, rows with a prompt, and prompt characters. */
    record Totals(long rows, long requests, long chars) implements java.io.Serializable {
        Totals plus(Totals o) {
            return new Totals(rows + o.rows, requests + o.requests, chars + o.chars);
        }
    }

    @Override
    public Iterator<Totals> call(Iterator<Row> rows) {
        long n = 0;
        long requests = 0;
        long chars = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            n++;
            long c = chars(plan, row);
            if (c >= 0) {
                requests++;
                chars += c;
            }
        }
        return List.of(new Totals(n, requests, chars)).iterator();
    }

    /** The characters a row sends (prompt and system instruction), or -1 when it is skipped. */
    static long chars(RowPlan plan, Row row) {
        String prompt = plan.promptText(row);
        if (prompt == null || !plan.request(row).sendable()) {
            return -1;
        }
        String system = plan.systemText(row);
        return prompt.codePointCount(0, prompt.length())
                + (system == null ? 0 : system.codePointCount(0, system.length()));
    }
}
