package dev.gembatch.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** Each Spark external value type as it reads inside a prompt. */
class CellTextTest {

    @Test
    void nullStaysNullSoTheRowCanBeSkipped() {
        assertNull(CellText.of(null));
    }

    @Test
    void stringsAreInsertedAsTheyAre() {
        assertEquals(" {{x}} \n", CellText.of(" {{x}} \n"));
    }

    @Test
    void numbersAndBooleansReadInTheirPlainForm() {
        assertEquals("42", CellText.of(42));
        assertEquals("9007199254740993", CellText.of(9_007_199_254_740_993L));
        assertEquals("2.5", CellText.of(2.5));
        assertEquals("-7", CellText.of((short) -7));
        assertEquals("true", CellText.of(true));
    }

    @Test
    void decimalsKeepTheirScaleAndNeverUseAnExponent() {
        assertEquals("19.90", CellText.of(new BigDecimal("19.90")));
        assertEquals("12000000000", CellText.of(new BigDecimal("1.2E+10")));
    }

    @Test
    void datesAndTimestampsReadAsIso8601() {
        assertEquals("2024-02-29", CellText.of(Date.valueOf("2024-02-29")));
        assertEquals("2024-02-29T13:45:30Z",
                CellText.of(Timestamp.from(Instant.parse("2024-02-29T13:45:30Z"))));
        assertEquals("2024-02-29", CellText.of(LocalDate.of(2024, 2, 29)));
        assertEquals("2024-02-29T13:45:30Z", CellText.of(Instant.parse("2024-02-29T13:45:30Z")));
        assertEquals("2024-02-29T13:45:30", CellText.of(LocalDateTime.of(2024, 2, 29, 13, 45, 30)));
    }

    @Test
    void arraysReadAsBracketedListsWithNullsNamed() {
        assertEquals("[red, null, blue]", CellText.of(seq("red", null, "blue")));
        assertEquals("[[1, 2], []]", CellText.of(seq(seq(1, 2), seq())));
    }

    @Test
    void mapsReadAsKeyColonValue() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", seq(2, 3));
        assertEquals("{a: 1, b: [2, 3]}", CellText.of(JavaConverters.mapAsScalaMap(m)));
    }

    @Test
    void structsReadAsJson() {
        StructType schema = new StructType().add("name", DataTypes.StringType)
                .add("n", DataTypes.IntegerType).add("tags",
                        DataTypes.createArrayType(DataTypes.StringType));
        Row who = new GenericRowWithSchema(new Object[] {"Zoë \"Z\"", null, seq("fr")}, schema);
        assertEquals("{\"name\":\"Zoë \\\"Z\\\"\",\"n\":null,\"tags\":[\"fr\"]}", CellText.of(who));
        assertEquals("[{\"name\":\"Zoë \\\"Z\\\"\",\"n\":null,\"tags\":[\"fr\"]}]",
                CellText.of(seq(who)));
    }

    @Test
    void binaryIsDescribedNotDumped() {
        assertEquals("<3 bytes>", CellText.of(new byte[] {1, 2, 3}));
    }

    private static scala.collection.Seq<Object> seq(Object... items) {
        return JavaConverters.asScalaBuffer(Arrays.asList(items)).toSeq();
    }
}
