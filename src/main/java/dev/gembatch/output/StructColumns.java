package dev.gembatch.output;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.JobSettings;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code <prefix>answer_struct} columns of a job: one per answer column whose model asks for
 * JSON of a response schema, after all result columns, in answer order. They are projected from
 * the answer and status columns at output time, so the answering chain, the journal and resume
 * only ever see the fixed result columns.
 */
public final class StructColumns {
    private StructColumns() {
    }

    /** {@code schema} followed by the job's struct columns. */
    public static StructType appendTo(StructType schema, JobSettings job) {
        StructType out = schema;
        for (AnswerColumn a : job.answers()) {
            out = AnswerStruct.of(a.model().generation()).appendTo(out, a.prefix());
        }
        return out;
    }

    /** {@code names} followed by the job's struct column names. */
    public static List<String> appendTo(List<String> names, JobSettings job) {
        List<String> out = names;
        for (AnswerColumn a : job.answers()) {
            out = AnswerStruct.of(a.model().generation()).appendTo(out, a.prefix());
        }
        return out;
    }

    /** The answered {@code rows} with the job's struct columns computed from them. */
    public static Dataset<Row> append(Dataset<Row> rows, JobSettings job) {
        Dataset<Row> out = rows;
        for (AnswerColumn a : job.answers()) {
            out = AnswerStruct.of(a.model().generation()).appendColumn(out, a.prefix());
        }
        return out;
    }
}
