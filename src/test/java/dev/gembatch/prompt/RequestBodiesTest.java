package dev.gembatch.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.config.GenerationSettings;
import dev.gembatch.config.ModelSettings;
import dev.gembatch.config.ReferenceSettings;
import dev.gembatch.config.SafetySetting;
import dev.gembatch.model.MediaData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Classify: great \"value\" {{x}} ünï ✓\nline 2";
    /** Nothing set: no generationConfig is sent. */
    private static final GenerationSettings NONE = GenerationSettings.builder().build();

    /** A model as reference.conf gives it, with this name and generation config. */
    private static ModelSettings model(String name, GenerationSettings generation) {
        return ReferenceSettings.model().toBuilder().name(name).generation(generation).build();
    }

    static ModelSettings full() {
        GenerationSettings g = GenerationSettings.builder().temperature(0.2).topP(0.95).topK(40)
                .candidateCount(2).maxOutputTokens(256).stopSequences(List.of("END", "STOP"))
                .responseMimeType("application/json")
                .responseSchemaJson("{\"type\":\"OBJECT\",\"properties\":{\"label\":"
                        + "{\"type\":\"STRING\",\"enum\":[\"POS\",\"NEG\"]}}}")
                .seed(42L).presencePenalty(0.5).frequencyPenalty(-0.5).thinkingBudget(1024)
                .includeThoughts(true).thinkingLevel("LOW").build();
        return ReferenceSettings.model().toBuilder().name("gemini-2.5-flash").generation(g)
                .safetySettings(List.of(new SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"),
                        new SafetySetting("HARM_CATEGORY_HATE_SPEECH", "BLOCK_ONLY_HIGH")))
                .extraRequestFieldsJson("{\"serviceTier\":\"flex\","
                        + "\"tools\":[{\"googleSearch\":{}}],"
                        + "\"generationConfig\":{\"responseLogprobs\":true}}")
                .build();
    }

    @Test
    void fullGenerationConfigMatchesTheGoldenBodyByteForByte() throws Exception {
        byte[] golden = Files.readAllBytes(Path.of(getClass()
                .getResource("/config/request-body-full.json").toURI()));
        byte[] body = new RequestBodies(full()).body(PROMPT, "Be terse.");
        assertEquals(new String(golden, StandardCharsets.UTF_8),
                new String(body, StandardCharsets.UTF_8));
        assertArrayEquals(golden, body);
    }

    @Test
    void bodyEqualsACapturedRequestThatGoogleAnswered() throws Exception {
        Path wire = Path.of(getClass().getResource(
                "/gemini-wire/captures/sse-max-tokens-2.0-flash.request.json").toURI());
        GenerationSettings g = GenerationSettings.builder().temperature(0.5).maxOutputTokens(20)
                .build();
        byte[] body = new RequestBodies(model("gemini-2.0-flash", g))
                .body("why is the sky blue?", null);
        assertEquals(JSON.readTree(Files.readAllBytes(wire)), JSON.readTree(body));
    }

    @Test
    void unsetFieldsAreLeftOutEntirely() {
        byte[] body = new RequestBodies(model("m", NONE)).body("hi", null);
        assertEquals("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void extraFieldsReplaceNonObjectFieldsAndAddToObjects() throws Exception {
        ModelSettings model = model("m", GenerationSettings.builder().temperature(1.0).build())
                .toBuilder().extraRequestFieldsJson("{\"generationConfig\":{\"temperature\":0.3,"
                        + "\"logprobs\":2},\"cachedContent\":\"c/1\"}").build();
        String body = new String(new RequestBodies(model).body("hi", null), StandardCharsets.UTF_8);
        assertEquals("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"temperature\":0.3,\"logprobs\":2},"
                + "\"cachedContent\":\"c/1\"}", body);
    }

    @Test
    void sameInputsGiveTheSameBytesAcrossInstancesAndSerialization() throws Exception {
        RequestBodies first = new RequestBodies(full());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(first);
        }
        RequestBodies copy;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RequestBodies) in.readObject();
        }
        assertArrayEquals(first.body(PROMPT, null), copy.body(PROMPT, null));
        assertArrayEquals(first.body(PROMPT, "s"), new RequestBodies(full()).body(PROMPT, "s"));
    }

    @Test
    void requestIdIsStableLowercaseHexOfModelAndBody() {
        byte[] body = "{\"contents\":[]}".getBytes(StandardCharsets.UTF_8);
        String id = RequestBodies.requestId("gemini-2.5-flash", body);
        // printf 'gemini-2.5-flash\n{"contents":[]}' | sha256sum (coreutils), first 32 chars
        assertEquals("d16bd68013f8dd7aee4446edc25c1402", id);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals(id, RequestBodies.requestId("gemini-2.5-pro", body));
        assertNotEquals(id, RequestBodies.requestId("gemini-2.5-flash",
                "{\"contents\":[ ]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mediaPartsGoBeforeTheTextInOrderWithBase64Data() throws Exception {
        byte[] photo = {0, 1, 2, (byte) 0xff, 'x'};
        byte[] body = new RequestBodies(model("m", NONE)).body(
                List.of(MediaData.inline("image/png", photo),
                        MediaData.file("application/pdf", "gs://b/doc.pdf")), "Describe.", null);
        assertEquals("{\"contents\":[{\"role\":\"user\",\"parts\":["
                + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAEC/3g=\"}},"
                + "{\"fileData\":{\"mimeType\":\"application/pdf\",\"fileUri\":\"gs://b/doc.pdf\"}},"
                + "{\"text\":\"Describe.\"}]}]}", new String(body, StandardCharsets.UTF_8));
        assertEquals(5, MediaData.inline("image/png", photo).inlineBytes());
        assertEquals(0, MediaData.file("application/pdf", "gs://b/doc.pdf").inlineBytes());
    }
}
