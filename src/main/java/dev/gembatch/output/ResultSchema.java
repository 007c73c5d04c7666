package dev.gembatch.output;

import dev.gembatch.model.ErrorStatus;
import dev.gembatch.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fixed result columns gembatch appends to every input row: always present, always typed the
 * same (never a null type), whatever the rows' outcome. {@code status} holds a {@link Status}
 * name; {@code error_status} the name of an {@link ErrorStatus} (gembatch's own: TIMEOUT,
 * UNREACHABLE, CONNECTION_LOST, STREAM_INCOMPLETE, MALFORMED_RESPONSE, UNEXPECTED_RESPONSE,
 * INVALID_JSON, SCHEMA_MISMATCH, INVALID_INPUT, UPSTREAM_NOT_OK, BUDGET_EXHAUSTED; or Google's
 * canonical code), or a status text a server sent that the list does not hold, verbatim. See
 * docs/OUTPUT.md.
 */
public final class ResultSchema {
    /** safety_ratings / prompt_safety_ratings element type. */
    static final StructType SAFETY_RATING = new StructType(new StructField[] {
        field("category", DataTypes.StringType),
        field("probability", DataTypes.StringType),
        field("probability_score", DataTypes.DoubleType),
        field("severity", DataTypes.StringType),
        field("severity_score", DataTypes.DoubleType),
        field("blocked", DataTypes.BooleanType)});

    /** citations element type. */
    static final StructType CITATION = new StructType(new StructField[] {
        field("start_index", DataTypes.IntegerType),
        field("end_index", DataTypes.IntegerType),
        field("uri", DataTypes.StringType),
        field("title", DataTypes.StringType),
        field("license", DataTypes.StringType)});

    /** candidates element type. */
    static final StructType CANDIDATE = new StructType(new StructField[] {
        field("index", DataTypes.IntegerType),
        field("text", DataTypes.StringType),
        field("finish_reason", DataTypes.StringType)});

    private static final StructField[] COLUMNS = {
        field("request_id", DataTypes.StringType),
        field("answer", DataTypes.StringType),
        field("thoughts", DataTypes.StringType),
        field("finish_reason", DataTypes.StringType),
        field("finish_message", DataTypes.StringType),
        field("safety_ratings", arrayOf(SAFETY_RATING)),
        field("prompt_block_reason", DataTypes.StringType),
        field("prompt_block_message", DataTypes.StringType),
        field("prompt_safety_ratings", arrayOf(SAFETY_RATING)),
        field("citations", arrayOf(CITATION)),
        field("candidates", arrayOf(CANDIDATE)),
        field("prompt_tokens", DataTypes.IntegerType),
        field("output_tokens", DataTypes.IntegerType),
        field("thoughts_tokens", DataTypes.IntegerType),
        field("cached_tokens", DataTypes.IntegerType),
        field("total_tokens", DataTypes.IntegerType),
        field("service_tier", DataTypes.StringType),
        field("served_tier", DataTypes.StringType),
        field("cost_usd", DataTypes.DoubleType),
        field("model_version", DataTypes.StringType),
        field("response_id", DataTypes.StringType),
        field("status", DataTypes.StringType),
        field("error_code", DataTypes.IntegerType),
        field("error_status", DataTypes.StringType),
        field("error_message", DataTypes.StringType),
        field("attempts", DataTypes.IntegerType),
        field("ttft_ms", DataTypes.LongType),
        field("latency_ms", DataTypes.LongType),
        field("chunks", DataTypes.IntegerType),
        field("completed_at", DataTypes.TimestampType)};

    private ResultSchema() {
    }

    /** The result column names, in order, each with the prefix in front. */
    public static List<String> columnNames(String prefix) {
        List<String> names = new ArrayList<>(COLUMNS.length);
        for (StructField f : COLUMNS) {
            names.add(prefix + f.name());
        }
        return names;
    }

    /** The input schema followed by the (prefixed) result columns. */
    public static StructType appendTo(StructType input, String prefix) {
        StructType out = input;
        for (StructField f : COLUMNS) {
            out = out.add(new StructField(prefix + f.name(), f.dataType(), true, Metadata.empty()));
        }
        return out;
    }

    /** Position of a result column (unprefixed name) among the result columns. */
    public static int indexOf(String name) {
        return columnNames("").indexOf(name);
    }

    /** Number of result columns. */
    public static int width() {
        return COLUMNS.length;
    }

    private static StructField field(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }

    private static ArrayType arrayOf(StructType element) {
        return DataTypes.createArrayType(element, true);
    }
}
