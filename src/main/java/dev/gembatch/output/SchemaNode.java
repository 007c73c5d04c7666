package dev.gembatch.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One node of a response schema (the Gemini Schema subset the config checked): its type, whether
 * null is allowed, the allowed values of a STRING enum, the properties of an OBJECT in column
 * order with the required ones, the element of an ARRAY. Knows its Spark type.
 */
record SchemaNode(Kind kind, boolean int32, boolean nullable, List<String> allowed,
                  List<Property> properties, Set<String> required, SchemaNode items)
        implements Serializable {

    /** The Gemini types that become a Spark type. */
    enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT }

    /** A named property of an OBJECT. */
    record Property(String name, SchemaNode schema) implements Serializable {
    }

    /** Reads a schema the config already checked; a shape it did not allow is a bug. */
    static SchemaNode parse(JsonNode node) {
        Kind kind = Kind.valueOf(node.path("type").asText().toUpperCase(Locale.ROOT));
        List<String> allowed = strings(node.get("enum"));
        List<Property> properties = kind == Kind.OBJECT ? properties(node) : List.of();
        SchemaNode items = kind == Kind.ARRAY ? parse(node.get("items")) : null;
        return new SchemaNode(kind, "int32".equals(node.path("format").asText()),
                node.path("nullable").asBoolean(false), allowed, properties,
                new TreeSet<>(strings(node.get("required"))), items);
    }

    /** Properties in propertyOrdering order, the ones it does not list after it alphabetically. */
    private static List<Property> properties(JsonNode node) {
        Map<String, JsonNode> byName = new TreeMap<>();
        node.get("properties").fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        List<Property> ordered = new ArrayList<>();
        for (String name : strings(node.get("propertyOrdering"))) {
            ordered.add(new Property(name, parse(byName.remove(name))));
        }
        byName.forEach((name, schema) -> ordered.add(new Property(name, parse(schema))));
        return List.copyOf(ordered);
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        if (list != null) {
            list.forEach(v -> values.add(v.asText()));
        }
        return List.copyOf(values);
    }

    /** The Spark type of values of this node (every field and element nullable). */
    DataType sparkType() {
        return switch (kind) {
            case STRING -> DataTypes.StringType;
            case INTEGER -> int32 ? DataTypes.IntegerType : DataTypes.LongType;
            case NUMBER -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case ARRAY -> DataTypes.createArrayType(items.sparkType(), true);
            case OBJECT -> new StructType(properties.stream().map(p -> new StructField(p.name(),
                    p.schema().sparkType(), true, Metadata.empty())).toArray(StructField[]::new));
        };
    }
}
