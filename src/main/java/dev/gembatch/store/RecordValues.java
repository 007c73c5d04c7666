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
 * task writes and reads on its own. Each column's encoding is chosen once, when the type is
 * given. A column the file lacks reads as null.
 */
final class RecordValues {
    private static final String LIST = "list";
    private static final String ELEMENT = "element";
    private final Column[] columns;

    /** Appends one value of a column, at its index in the written type. */
    private interface Put {
        void put(Group g, int index, Object value);
    }

    /** Reads the first value of a column, by name (a file's own type may lack columns). */
    private interface Get {
        Object get(Group g, String name);
    }

    private record Column(String name, Type parquet, Put put, Get get) {
    }

    private RecordValues(Column[] columns) {
        this.columns = columns;
    }

    /** The encoding of {@code type}'s columns, which must be of the types listed above. */
    static RecordValues of(StructType type) {
        StructField[] fields = type.fields();
        Column[] columns = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columns[i] = column(fields[i].name(), fields[i].dataType());
        }
        return new RecordValues(columns);
    }

    /** The Parquet message type of these columns, named {@code name}. */
    MessageType message(String name) {
        return new MessageType(name, parquetFields());
    }

    private List<Type> parquetFields() {
        List<Type> fields = new ArrayList<>(columns.length);
        for (Column c : columns) {
            fields.add(c.parquet());
        }
        return fields;
    }

    /**
     * Appends {@code values} (in the columns' order; null: left out) to {@code g}, a record of
     * {@link #message}.
     */
    void write(Group g, Object[] values) {
        for (int i = 0; i < columns.length; i++) {
            if (values[i] != null) {
                columns[i].put().put(g, i, values[i]);
            }
        }
    }

    /** The values of the columns in {@code g} (null where absent). */
    Object[] read(Group g) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            String name = columns[i].name();
            if (g.getType().containsField(name) && g.getFieldRepetitionCount(name) > 0) {
                values[i] = columns[i].get().get(g, name);
            }
        }
        return values;
    }

    private static Column column(String name, DataType t) {
        if (t instanceof ArrayType array) {
            return listColumn(name, of((StructType) array.elementType()));
        }
        if (t.equals(DataTypes.StringType)) {
            return new Column(name, Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(name),
                    (g, i, v) -> g.add(i, (String) v), (g, n) -> g.getString(n, 0));
        }
        if (t.equals(DataTypes.TimestampType)) {
            return new Column(name, Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true,
                            LogicalTypeAnnotation.TimeUnit.MICROS)).named(name),
                    (g, i, v) -> g.add(i, ChronoUnit.MICROS.between(Instant.EPOCH,
                            ((Timestamp) v).toInstant())),
                    (g, n) -> Timestamp.from(Instant.EPOCH.plus(g.getLong(n, 0), ChronoUnit.MICROS)));
        }
        if (t.equals(DataTypes.IntegerType)) {
            return primitive(name, PrimitiveTypeName.INT32, (g, i, v) -> g.add(i, (Integer) v),
                    (g, n) -> g.getInteger(n, 0));
        }
        if (t.equals(DataTypes.LongType)) {
            return primitive(name, PrimitiveTypeName.INT64, (g, i, v) -> g.add(i, (Long) v),
                    (g, n) -> g.getLong(n, 0));
        }
        if (t.equals(DataTypes.DoubleType)) {
            return primitive(name, PrimitiveTypeName.DOUBLE, (g, i, v) -> g.add(i, (Double) v),
                    (g, n) -> g.getDouble(n, 0));
        }
        if (t.equals(DataTypes.BooleanType)) {
            return primitive(name, PrimitiveTypeName.BOOLEAN, (g, i, v) -> g.add(i, (Boolean) v),
                    (g, n) -> g.getBoolean(n, 0));
        }
        throw new IllegalArgumentException("no record encoding for " + t.simpleString());
    }

    private static Column primitive(String name, PrimitiveTypeName p, Put put, Get get) {
        return new Column(name, Types.optional(p).named(name), put, get);
    }

    /** An array of structs, as a three-level list of {@code element}'s records. */
    @SuppressWarnings("unchecked")
    private static Column listColumn(String name, RecordValues element) {
        Type parquet = Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(Types.optionalGroup()
                        .addFields(element.parquetFields().toArray(Type[]::new)).named(ELEMENT))
                        .named(LIST)).named(name);
        Put put = (g, i, v) -> {
            Group list = g.addGroup(i);
            for (Row r : JavaConverters.seqAsJavaList((Seq<Row>) v)) {
                Object[] values = new Object[r.length()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = r.get(j);
                }
                element.write(list.addGroup(0).addGroup(0), values); // list, element: their only fields
            }
        };
        Get get = (g, n) -> {
            Group list = g.getGroup(n, 0);
            int count = list.getFieldRepetitionCount(LIST);
            List<Row> rows = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                rows.add(RowFactory.create(element.read(list.getGroup(LIST, j).getGroup(ELEMENT, 0))));
            }
            return JavaConverters.asScalaBuffer(rows).toList();
        };
        return new Column(name, parquet, put, get);
    }
}
