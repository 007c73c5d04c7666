package dev.gembatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.config.GenerationSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Status;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.Seq;

/** The response schema's Spark type, and answers read, typed and rejected against it. */
class AnswerStructTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A review: ordering given for two of four properties, items are objects, one enum. */
    private static final String REVIEW = """
            {"type": "object", "propertyOrdering": ["sentiment", "score"],
             "required": ["sentiment", "items"],
             "properties": {
               "summary": {"type": "STRING", "nullable": true},
               "score": {"type": "INTEGER", "format": "int32"},
               "sentiment": {"type": "STRING", "enum": ["positive", "negative"]},
               "items": {"type": "ARRAY", "items": {"type": "OBJECT", "required": ["name"],
                  "properties": {"name": {"type": "STRING"}, "score": {"type": "integer"},
                                 "weight": {"type": "NUMBER"}, "ok": {"type": "BOOLEAN"}}}}}}
            """;

    @Test
    void objectFieldsFollowPropertyOrderingThenTheAlphabet() {
        StructType type = (StructType) schema(REVIEW).sparkType();
        assertEquals(List.of("sentiment", "score", "items", "summary"),
                List.of(type.fieldNames()));
        assertEquals(DataTypes.IntegerType, type.apply("score").dataType());
        StructType item = new StructType()
                .add("name", DataTypes.StringType).add("ok", DataTypes.BooleanType)
                .add("score", DataTypes.LongType).add("weight", DataTypes.DoubleType);
        assertEquals(DataTypes.createArrayType(item, true), type.apply("items").dataType());
    }

    @Test
    void topLevelArrayOfStringsIsAnArrayColumn() {
        DataType type = schema("{\"type\": \"array\", \"items\": {\"type\": \"string\"}}")
                .sparkType();
        assertEquals(DataTypes.createArrayType(DataTypes.StringType, true), type);
    }

    @Test
    void nestedValuesBecomeRowsAndSeqsInSchemaOrder() throws Exception {
        Row row = (Row) read(REVIEW, """
                {"items": [{"name": "lid", "score": 5.0, "weight": 1, "ok": true, "extra": [1]},
                           {"name": "handle"}],
                 "sentiment": "positive", "score": 4, "summary": null, "ignored": {"a": 1}}
                """);
        assertEquals("positive", row.get(0));
        assertEquals(4, row.get(1));
        assertNull(row.get(3));
        List<Object> items = scala.collection.JavaConverters.seqAsJavaList((Seq<?>) row.get(2))
                .stream().map(o -> (Object) o).toList();
        assertEquals(2, items.size());
        Row lid = (Row) items.get(0);
        assertEquals("lid", lid.get(0));
        assertEquals(true, lid.get(1));
        assertEquals(5L, lid.get(2));
        assertEquals(1.0, lid.get(3));
        assertEquals(RowFactory.create("handle", null, null, null), items.get(1));
    }

    @Test
    void wrongTypeInAnArrayElementNamesItsPath() {
        assertRejected(REVIEW, "{\"sentiment\": \"negative\", \"items\": [{\"name\": \"a\"},"
                + " {\"name\": \"b\"}, {\"name\": \"c\", \"score\": \"high\"}]}",
                "SCHEMA_MISMATCH", "$.items[2].score: expected INTEGER, got \"high\"");
    }

    @Test
    void valueOutsideTheEnumIsAMismatch() {
        assertRejected(REVIEW, "{\"sentiment\": \"meh\", \"items\": []}", "SCHEMA_MISMATCH",
                "$.sentiment: expected one of [positive, negative], got \"meh\"");
    }

    @Test
    void missingRequiredPropertyIsAMismatchButAMissingOptionalOneIsNull() throws Exception {
        assertRejected(REVIEW, "{\"sentiment\": \"positive\"}", "SCHEMA_MISMATCH",
                "$.items: required property missing");
        assertRejected(REVIEW, "{\"sentiment\": \"positive\", \"items\": [{\"score\": 1}]}",
                "SCHEMA_MISMATCH", "$.items[0].name: required property missing");
        Row row = (Row) read(REVIEW, "{\"sentiment\": \"positive\", \"items\": []}");
        assertNull(row.get(1));
    }

    @Test
    void nullIsAllowedOnlyWhereNullable() throws Exception {
        assertNull(((Row) read(REVIEW, "{\"sentiment\": \"positive\", \"items\": [],"
                + " \"summary\": null}")).get(3));
        assertRejected(REVIEW, "{\"sentiment\": \"positive\", \"items\": [], \"score\": null}",
                "SCHEMA_MISMATCH", "$.score: expected INTEGER (int32), got null");
        assertRejected(REVIEW, "null", "SCHEMA_MISMATCH", "$: expected OBJECT, got null");
    }

    @Test
    void int32OverflowAndFractionsAreMismatchesWhileInt64TakesBigNumbers() throws Exception {
        assertRejected(REVIEW, "{\"sentiment\": \"positive\", \"items\": [], \"score\": 3000000000}",
                "SCHEMA_MISMATCH", "$.score: expected INTEGER (int32), got 3000000000");
        assertRejected(REVIEW, "{\"sentiment\": \"positive\", \"items\": [], \"score\": 2.5}",
                "SCHEMA_MISMATCH", "$.score: expected INTEGER (int32), got 2.5");
        assertEquals(3_000_000_000L, read("{\"type\": \"INTEGER\"}", "3000000000"));
        assertRejected("{\"type\": \"INTEGER\"}", "9223372036854775808", "SCHEMA_MISMATCH",
                "$: expected INTEGER, got 9223372036854775808");
    }

    @Test
    void textThatIsNotOneJsonValueIsInvalidJson() {
        assertRejected(REVIEW, "{\"sentiment\": \"positive\", \"items\": []} and more",
                "INVALID_JSON", "not JSON: more content follows the JSON value that ends at line 1, column 39");
        assertRejected(REVIEW, "Sure! Here is the JSON", "INVALID_JSON", "not JSON: Unrecognized token 'Sure'");
        assertRejected(REVIEW, "{\"sentiment\": \"posi", "INVALID_JSON", "not JSON: Unexpected end-of-input");
        assertRejected(REVIEW, "  ", "INVALID_JSON", "not JSON: the answer is empty");
    }

    @Test
    void propertyNamesThatAreNotIdentifiersAreBracketedInThePath() {
        assertRejected("{\"type\": \"OBJECT\", \"properties\": {\"it's x\": {\"type\": \"BOOLEAN\"}}}",
                "{\"it's x\": 1}", "SCHEMA_MISMATCH", "$['it\\'s x']: expected BOOLEAN, got 1");
    }

    @Test
    void okAnswerThatDoesNotFitFailsAndKeepsItsText() {
        AnswerStruct struct = AnswerStruct.of(settings("application/json", REVIEW));
        Answer checked = struct.checked(answer(Status.OK, "{\"sentiment\": 1, \"items\": []}"));
        assertEquals(Status.FAILED, checked.status());
        assertEquals("SCHEMA_MISMATCH", checked.error().status());
        assertEquals("$.sentiment: expected one of [positive, negative], got 1",
                checked.error().message());
        assertEquals("{\"sentiment\": 1, \"items\": []}", checked.first().text());
        assertEquals("STOP", checked.first().finishReason());
    }

    @Test
    void onlyOkAnswersAreCheckedAndOnlyJsonModeHasAStruct() {
        AnswerStruct struct = AnswerStruct.of(settings("application/json", REVIEW));
        Answer valid = answer(Status.OK, "{\"sentiment\": \"positive\", \"items\": []}");
        Answer truncated = answer(Status.TRUNCATED, "{\"sentiment\": \"pos");
        assertSame(valid, struct.checked(valid));
        assertSame(truncated, struct.checked(truncated));
        AnswerStruct enumMode = AnswerStruct.of(settings("text/x.enum",
                "{\"type\": \"STRING\", \"enum\": [\"a\", \"b\"]}"));
        assertSame(AnswerStruct.NONE, enumMode);
        Answer plain = answer(Status.OK, "a");
        assertSame(plain, enumMode.checked(plain));
        StructType base = new StructType().add("x", DataTypes.StringType);
        assertSame(base, enumMode.appendTo(base, "gem_"));
        assertEquals(List.of("x", "gem_answer_struct"),
                List.of(struct.appendTo(base, "gem_").fieldNames()));
    }

    private static void assertRejected(String schema, String text, String status,
                                       String message) {
        JsonAnswer.Rejected e = assertThrows(JsonAnswer.Rejected.class,
                () -> JsonAnswer.read(schema(schema), text));
        assertEquals(status, e.errorStatus.name());
        if (!e.getMessage().startsWith(message)) {
            assertEquals(message, e.getMessage());
        }
    }

    private static Object read(String schema, String text) throws JsonAnswer.Rejected {
        return JsonAnswer.read(schema(schema), text);
    }

    private static SchemaNode schema(String json) {
        try {
            return SchemaNode.parse(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static GenerationSettings settings(String mime, String schema) {
        return GenerationSettings.builder().responseMimeType(mime).responseSchemaJson(schema)
                .build();
    }

    private static Answer answer(Status status, String text) {
        Candidate c = new Candidate(0, text, null, status == Status.OK ? "STOP" : "MAX_TOKENS",
                null, List.of(), List.of());
        return new Answer(status, List.of(c), null, null, "m", "r", null, 1, 5L, 9L, 2,
                Instant.EPOCH);
    }
}
