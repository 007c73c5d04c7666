package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON mode over loopback: answers are JSON of the request's schema; two markers break them. */
class SchemaAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"OBJECT\",\"properties\":{"
            + "\"label\":{\"type\":\"STRING\",\"enum\":[\"good\",\"bad\"]},"
            + "\"score\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
            + "\"when\":{\"type\":\"STRING\",\"format\":\"date\"},"
            + "\"tags\":{\"type\":\"ARRAY\",\"minItems\":2,\"maxItems\":2,"
            + "\"items\":{\"type\":\"OBJECT\",\"properties\":{\"t\":{\"type\":\"STRING\"},"
            + "\"w\":{\"type\":\"NUMBER\"},\"on\":{\"type\":\"BOOLEAN\"}}}}}}";
    private static GeminiEmulator emulator;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.builder().chunks(5).build());
        http = new Loopback(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String answer(String prompt, String mime) throws Exception {
        String body = Loopback.body(prompt).replaceFirst("}$", ",\"generationConfig\":{"
                + "\"responseMimeType\":\"" + mime + "\",\"responseSchema\":" + SCHEMA + "}}");
        List<JsonNode> events = Captures.sseEvents(Loopback.text(http.post(Loopback.MODEL
                + ":streamGenerateContent?alt=sse", body, emulator.apiKey()))).stream()
                .map(Captures::tree).toList();
        return ScenarioBehaviourTest.text(events, 0);
    }

    @Test
    void jsonModeAnswersAreDeterministicJsonOfTheSchema() throws Exception {
        for (int i = 0; i < 20; i++) {
            String text = answer("rate product " + i, "application/json");
            assertEquals(text, answer("rate product " + i, "application/json"));
            JsonNode value = JSON.readTree(text);
            assertTrue(Set.of("good", "bad").contains(value.get("label").textValue()), text);
            long score = value.get("score").longValue();
            assertTrue(value.get("score").isIntegralNumber() && score >= 1 && score <= 5, text);
            assertTrue(value.get("when").textValue().matches("2025-\\d\\d-\\d\\d"), text);
            assertEquals(2, value.get("tags").size(), text);
            for (JsonNode tag : value.get("tags")) {
                assertTrue(tag.get("t").isTextual() && tag.get("w").isNumber()
                        && tag.get("on").isBoolean(), text);
            }
        }
    }

    @Test
    void schemaMismatchGivesTheFirstLeafTheWrongType() throws Exception {
        JsonNode value = JSON.readTree(answer("[[gembatch:schema-mismatch]] rate", "application/json"));
        assertEquals(42, value.get("label").intValue());
        assertTrue(value.get("score").isIntegralNumber());
    }

    @Test
    void badJsonAndOtherMimeTypesGetTheUsualText() throws Exception {
        String prompt = "[[gembatch:bad-json]] rate";
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, prompt),
                answer(prompt, "application/json"));
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, "rate"), answer("rate", "text/plain"));
    }
}
