package dev.gembatch.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A Spark row type as plain Parquet (every column optional; timestamps as microseconds since
 * the epoch, UTC; arrays as Parquet's standard three-level lists, which Spark, DuckDB and
 * pyarrow read), and one row's external values (String, Integer, Long, Double, Boolean,
 * Timestamp, Seq of Row) to and from a Parquet record of it, without a Spark session: what a
 * task writes and reads on its own. A column the file lacks reads as null.
 */
final class RecordValues {
    private static final String LIST = "list";
    private static final String ELEMENT = "element";

    private RecordValues() {
    }

    /** The Parquet message type of {@code type}, named {@code name}. */
    static MessageType message(StructType type, String name) {
        return new MessageType(name, fields(type));
    }

    private static List<Type> fields(StructType type) {
        List<Type> fields = new ArrayList<>();
        for (StructField f : type.fields()) {
            fields.add(parquetType(f.name(), f.dataType()));
        }
        return fields;
    }

    private static Type parquetType(String name, DataType t) {
        if (t instanceof ArrayType array) {
            StructType element = (StructType) array.elementType();
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(Types.optionalGroup()
                            .addFields(fields(element).toArray(Type[]::new)).named(ELEMENT))
                            .named(LIST)).named(name);
        }
        if (t.equals(DataTypes.StringType)) {
            return Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
        }
        if (t.equals(DataTypes.TimestampType)) {
            return Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation
                    .timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        }
        return Types.optional(primitive(t)).named(name);
    }

    private static PrimitiveTypeName primitive(DataType t) {
        if (t.equals(DataTypes.IntegerType)) {
            return PrimitiveTypeName.INT32;
        }
        if (t.equals(DataTypes.LongType)) {
            return PrimitiveTypeName.INT64;
        }
        if (t.equals(DataTypes.DoubleType)) {
            return PrimitiveTypeName.DOUBLE;
        }
        if (t.equals(DataTypes.BooleanType)) {
            return PrimitiveTypeName.BOOLEAN;
        }
        throw new IllegalArgumentException("no record encoding for " + t.simpleString());
    }

    /** Appends {@code values} (of {@code type}, in its order; null: left out) to {@code g}. */
    static void write(Group g, StructType type, Object[] values) {
        StructField[] fields = type.fields();
        for (int i = 0; i < fields.length; i++) {
            if (values[i] != null) {
                put(g, fields[i].name(), fields[i].dataType(), values[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Group g, String name, DataType t, Object v) {
        if (t instanceof ArrayType array) {
            StructType element = (StructType) array.elementType();
            Group list = g.addGroup(name);
            for (Row r : JavaConverters.seqAsJavaList((Seq<Row>) v)) {
                Object[] values = new Object[r.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(i);
                }
                write(list.addGroup(LIST).addGroup(ELEMENT), element, values);
            }
        } else if (v instanceof String s) {
            g.append(name, s);
        } else if (v instanceof Integer n) {
            g.append(name, n);
        } else if (v instanceof Long n) {
            g.append(name, n);
        } else if (v instanceof Double d) {
            g.append(name, d);
        } else if (v instanceof Boolean b) {
            g.append(name, b);
        } else {
            Instant at = ((Timestamp) v).toInstant();
            g.append(name, ChronoUnit.MICROS.between(Instant.EPOCH, at));
        }
    }

    /** The values of {@code type}'s columns in {@code g} (null where absent). */
    static Object[] read(Group g, StructType type) {
        StructField[] fields = type.fields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (g.getType().containsField(name) && g.getFieldRepetitionCount(name) > 0) {
                values[i] = get(g, name, fields[i].dataType());
            }
        }
        return values;
    }

    private static Object get(Group g, String name, DataType t) {
        if (t instanceof ArrayType array) {
            Group list = g.getGroup(name, 0);
            int n = list.getFieldRepetitionCount(LIST);
            List<Row> rows = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                rows.add(RowFactory.create(read(list.getGroup(LIST, j).getGroup(ELEMENT, 0),
                        (StructType) array.elementType())));
            }
            return JavaConverters.asScalaBuffer(rows).toList();
        }
        if (t.equals(DataTypes.StringType)) {
            return g.getString(name, 0);
        }
        if (t.equals(DataTypes.IntegerType)) {
            return g.getInteger(name, 0);
        }
        if (t.equals(DataTypes.LongType)) {
            return g.getLong(name, 0);
        }
        if (t.equals(DataTypes.DoubleType)) {
            return g.getDouble(name, 0);
        }
        if (t.equals(DataTypes.BooleanType)) {
            return g.getBoolean(name, 0);
        }
        return Timestamp.from(Instant.EPOCH.plus(g.getLong(name, 0), ChronoUnit.MICROS));
    }
}
