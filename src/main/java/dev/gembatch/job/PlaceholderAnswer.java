package dev.gembatch.job;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.pipeline.RowRequest;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A dry run's stand-in for one answer column that a later prompt reads: each row gets the
 * answer text {@code [answer of NAME]} with status OK when the row would be sent for that
 * answer, and status SKIPPED with its reason when it would not, so a later column counts such
 * rows as UPSTREAM_NOT_OK, as the run would. Its fields are only the plan and the text.
 */
final class PlaceholderAnswer implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final RowPlan plan;
    private final String text;

    private PlaceholderAnswer(RowPlan plan, String text) {
        this.plan = plan;
        this.text = text;
    }

    /** The placeholder shown for an answer column's text. */
    static String text(String answer) {
        return "[answer of " + answer + "]";
    }

    /** {@code rows} with {@code answer}'s text, status and error status columns appended. */
    static Dataset<Row> append(Dataset<Row> rows, AnswerColumn answer, RowPlan plan) {
        StructType schema = rows.schema()
                .add(answer.answerColumn(), DataTypes.StringType)
                .add(answer.statusColumn(), DataTypes.StringType)
                .add(answer.errorStatusColumn(), DataTypes.StringType);
        return rows.map(new PlaceholderAnswer(plan, text(answer.name())), Encoders.row(schema));
    }

    @Override
    public Row call(Row row) {
        RowRequest request = plan.request(row);
        Object[] values = new Object[row.size() + 3];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        boolean sent = request.sendable();
        values[row.size()] = sent ? text : null;
        values[row.size() + 1] = sent ? "OK" : "SKIPPED";
        values[row.size() + 2] = sent ? null : request.skipStatus().name();
        return RowFactory.create(values);
    }
}
