package dev.gembatch.prompt;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * How a cell of any Spark type reads inside a prompt: strings as they are, numbers and booleans
 * in their plain form, dates and timestamps in ISO-8601, arrays as {@code [a, b]}, maps as
 * {@code {k: v}}, structs as JSON, binary as a byte count. Null stays null.
 */
public final class CellText {
    private CellText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof Row r) {
            return r.json();
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return list(JavaConverters.seqAsJavaList(seq));
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return map(JavaConverters.mapAsJavaMap(map));
        }
        if (value instanceof Object[] array) {
            return list(Arrays.asList(array));
        }
        return value.toString();
    }

    private static String list(List<?> items) {
        return items.stream().map(CellText::of).map(String::valueOf)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String map(Map<?, ?> map) {
        StringBuilder out = new StringBuilder("{");
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            out.append(of(e.getKey())).append(": ").append(of(e.getValue()));
            out.append(it.hasNext() ? ", " : "");
        }
        return out.append('}').toString();
    }
}
