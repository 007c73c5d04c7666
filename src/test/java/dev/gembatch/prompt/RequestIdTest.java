package dev.gembatch.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gembatch.config.GenerationSettings;
import dev.gembatch.config.ModelSettings;
import dev.gembatch.config.ReferenceSettings;
import dev.gembatch.model.MediaData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request_id names everything that changes an answer, so the answer store never hands out an
 * answer to another request: the model, every byte of the body (prompt, system instruction,
 * generation settings), the bytes of each media part and the response schema each change it.
 */
class RequestIdTest {
    private static final String FLASH = "gemini-2.5-flash";
    private static final byte[] PHOTO = "\u0089PNG photo bytes".getBytes(StandardCharsets.UTF_8);

    private static ModelSettings model(GenerationSettings generation) {
        return ReferenceSettings.model().toBuilder().name(FLASH).generation(generation).build();
    }

    private static String id(ModelSettings model, List<MediaData> media, String prompt) {
        return RequestBodies.requestId(model.name(),
                new RequestBodies(model).body(media, prompt, "Be terse."));
    }

    private static final ModelSettings PLAIN = model(GenerationSettings.builder().build());

    @Test
    void theSameRequestHasTheSameId() {
        assertEquals(id(PLAIN, List.of(MediaData.inline("image/png", PHOTO)), "Describe"),
                id(PLAIN, List.of(MediaData.inline("image/png", PHOTO.clone())), "Describe"));
    }

    @Test
    void theModelChangesTheId() {
        byte[] body = new RequestBodies(PLAIN).body("Describe", null);
        assertNotEquals(RequestBodies.requestId(FLASH, body),
                RequestBodies.requestId("gemini-2.5-pro", body));
    }

    @Test
    void theBodyChangesTheId() {
        assertNotEquals(id(PLAIN, List.of(), "Describe"), id(PLAIN, List.of(), "Describe."));
        assertNotEquals(id(PLAIN, List.of(), "Describe"), id(model(GenerationSettings.builder()
                .temperature(0.5).build()), List.of(), "Describe"));
    }

    @Test
    void oneByteOfAMediaPartChangesTheId() {
        byte[] other = PHOTO.clone();
        other[other.length - 1] ^= 1;
        assertNotEquals(id(PLAIN, List.of(MediaData.inline("image/png", PHOTO)), "Describe"),
                id(PLAIN, List.of(MediaData.inline("image/png", other)), "Describe"));
        assertNotEquals(id(PLAIN, List.of(MediaData.file("application/pdf", "gs://b/a.pdf")),
                "Describe"), id(PLAIN, List.of(MediaData.file("application/pdf",
                "gs://b/b.pdf")), "Describe"));
    }

    @Test
    void theResponseSchemaChangesTheId() {
        String stars = id(model(GenerationSettings.builder()
                .responseMimeType("application/json").responseSchemaJson("{\"type\":\"OBJECT\",\"properties\":"
                + "{\"stars\":{\"type\":\"INTEGER\"}}}").build()), List.of(), "Rate");
        String label = id(model(GenerationSettings.builder().responseMimeType("application/json")
                .responseSchemaJson("{\"type\":\"OBJECT\",\"properties\":"
                        + "{\"label\":{\"type\":\"STRING\"}}}").build()), List.of(), "Rate");
        assertNotEquals(stars, label);
    }
}
