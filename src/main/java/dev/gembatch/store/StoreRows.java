package dev.gembatch.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The typed rows of the store, derived from the result schema (so the store grows with it): the
 * request_id, the endpoint that answered, every other result column as the output has it, the
 * run that first answered it ({@code store_run_id}), when it entered the store
 * ({@code stored_at}) and the model. Only answers that are a model's verdict enter: every status
 * but FAILED (no complete answer, worth asking again) and SKIPPED (never sent).
 */
final class StoreRows {
    static final String REQUEST_ID = "request_id";
    static final String ENDPOINT = "endpoint";
    static final String RUN = "store_run_id";
    static final String STORED_AT = "stored_at";
    static final String MODEL = "model";
    static final StructType SCHEMA = schema();
    private static final List<String> KEPT = List.of(Status.OK.name(), Status.TRUNCATED.name(),
            Status.BLOCKED.name(), Status.INCOMPLETE.name());

    private StoreRows() {
    }

    private static StructType schema() {
        StructType s = new StructType().add(REQUEST_ID, DataTypes.StringType)
                .add(ENDPOINT, DataTypes.StringType);
        for (StructField f : ResultSchema.appendTo(new StructType(), "").fields()) {
            if (!f.name().equals(REQUEST_ID)) {
                s = s.add(f);
            }
        }
        return s.add(RUN, DataTypes.StringType).add(STORED_AT, DataTypes.TimestampType)
                .add(MODEL, DataTypes.StringType);
    }

    /**
     * The answers of one answer column (result columns named {@code prefix} + name) that this
     * run ({@code run}) answered and the store keeps, as store rows of {@code model}.
     */
    static Dataset<Row> fromOutput(Dataset<Row> output, String prefix, String model,
                                   String endpoint, String run, Instant storedAt) {
        Dataset<Row> mine = output.where(quoted(prefix + RUN).equalTo(run)
                .and(quoted(prefix + "status").isin(KEPT.toArray()))
                .and(quoted(prefix + REQUEST_ID).isNotNull()));
        List<Column> columns = new ArrayList<>();
        for (StructField f : SCHEMA.fields()) {
            Column value = switch (f.name()) {
                case ENDPOINT -> lit(endpoint);
                case RUN -> lit(run);
                case STORED_AT -> lit(Timestamp.from(storedAt));
                case MODEL -> lit(model);
                default -> quoted(prefix + f.name()).cast(f.dataType());
            };
            columns.add(value.as(f.name()));
        }
        return mine.select(columns.toArray(Column[]::new));
    }

    /** Column {@code name} exactly (dots and backticks in it quoted). */
    static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
