package dev.gembatch.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.config.GenerationSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.Status;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The typed {@code answer_struct} column of a job with {@code response-mime-type =
 * application/json} and a {@code response-schema}: the column's Spark type, the check that turns
 * an OK answer which is not JSON of the schema into a FAILED row (INVALID_JSON or
 * SCHEMA_MISMATCH), and the column's values, parsed from {@code answer} where status is OK.
 * {@link #NONE} (no schema, or another mime type) adds no column and checks nothing.
 */
public final class AnswerStruct implements Serializable {
    /** No answer_struct column. */
    public static final AnswerStruct NONE = new AnswerStruct(null);
    private static final long serialVersionUID = 1L;
    private static final String COLUMN = "answer_struct";
    private static final String JSON_MIME_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaNode root;

    private AnswerStruct(SchemaNode root) {
        this.root = root;
    }

    /** The struct of a job's generation settings (checked by the config), or {@link #NONE}. */
    public static AnswerStruct of(GenerationSettings generation) {
        String schema = generation.responseSchemaJson();
        if (schema == null || !JSON_MIME_TYPE.equals(generation.responseMimeType())) {
            return NONE;
        }
        try {
            return new AnswerStruct(SchemaNode.parse(JSON.readTree(schema)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the checked response schema is not JSON", e);
        }
    }

    /** The Spark type of the column, or null for {@link #NONE}. */
    public DataType type() {
        return root == null ? null : root.sparkType();
    }

    /** {@code answer}, or when it is OK but not JSON of the schema a FAILED copy saying why. */
    public Answer checked(Answer answer) {
        if (root == null || answer.status() != Status.OK) {
            return answer;
        }
        Candidate first = answer.first();
        try {
            JsonAnswer.read(root, first == null ? null : first.text());
            return answer;
        } catch (JsonAnswer.Rejected e) {
            return answer.failedWith(ErrorInfo.of(e.errorStatus, e.getMessage()));
        }
    }

    /** {@code schema} with the (prefixed) column last; unchanged for {@link #NONE}. */
    public StructType appendTo(StructType schema, String prefix) {
        return root == null ? schema
                : schema.add(new StructField(prefix + COLUMN, type(), true, Metadata.empty()));
    }

    /** {@code names} with the (prefixed) column name last; unchanged for {@link #NONE}. */
    public List<String> appendTo(List<String> names, String prefix) {
        List<String> all = new ArrayList<>(names);
        if (root != null) {
            all.add(prefix + COLUMN);
        }
        return all;
    }

    /** {@code rows} (with the result columns) and the column last; unchanged for {@link #NONE}. */
    public Dataset<Row> appendColumn(Dataset<Row> rows, String prefix) {
        if (root == null) {
            return rows;
        }
        return rows.withColumn(prefix + COLUMN, functions.udf(new Values(root), type())
                .apply(column(prefix + "answer"), column(prefix + "status")));
    }

    private static org.apache.spark.sql.Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /** The column's value: the answer's JSON typed by the schema where status is OK, else null. */
    private static final class Values implements UDF2<String, String, Object> {
        private static final long serialVersionUID = 1L;
        private final SchemaNode root;

        Values(SchemaNode root) {
            this.root = root;
        }

        @Override
        public Object call(String answer, String status) {
            if (!Status.OK.name().equals(status)) {
                return null;
            }
            try {
                return JsonAnswer.read(root, answer);
            } catch (JsonAnswer.Rejected e) {
                return null;
            }
        }
    }
}
