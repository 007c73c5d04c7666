package dev.gembatch.input;

import dev.gembatch.config.PromptSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/** The Spark type each media part column must have: binary for inline-column, else string. */
final class MediaColumns {
    private MediaColumns() {
    }

    static Map<String, StructField> types(String keyPrefix, PromptSettings prompt) {
        Map<String, StructField> types = new LinkedHashMap<>();
        prompt.partColumns().forEach((key, column) -> types.put(keyPrefix + key,
                new StructField(column,
                key.endsWith(".inline-column") ? DataTypes.BinaryType : DataTypes.StringType,
                true, Metadata.empty())));
        return types;
    }
}
