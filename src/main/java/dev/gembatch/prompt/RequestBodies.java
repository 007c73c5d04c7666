package dev.gembatch.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.config.ModelSettings;
import dev.gembatch.config.SafetySetting;
import dev.gembatch.model.MediaData;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds GenerateContentRequest JSON bytes, deterministically (fixed key order), with one shared
 * Jackson mapper: contents, systemInstruction, generationConfig (non-null fields only),
 * safetySettings, then the extra request fields merged in (an object field present on both
 * sides, e.g. generationConfig, gets the extra's fields added; anything else is replaced).
 */
public final class RequestBodies implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int REQUEST_ID_HEX_CHARS = 32;

    private final ModelSettings model;
    /** Everything after contents and systemInstruction; read-only once built. */
    private final transient ObjectNode tail;

    /** @throws IllegalArgumentException when the schema or extra fields are not JSON objects */
    public RequestBodies(ModelSettings model) {
        this.model = model;
        this.tail = tail(model);
    }

    /** The model settings the bodies are built from. */
    public ModelSettings model() {
        return model;
    }

    /** The request body for one prompt, with an optional system instruction (null: none). */
    public byte[] body(String promptText, String systemInstructionOrNull) {
        return body(List.of(), promptText, systemInstructionOrNull);
    }

    /**
     * The request body for media parts (in order, before the text: Google's advice) and one
     * prompt, with an optional system instruction (null: none).
     */
    public byte[] body(List<MediaData> media, String promptText, String systemInstructionOrNull) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode user = body.putArray("contents").addObject().put("role", "user");
        ArrayNode parts = user.putArray("parts");
        media.forEach(m -> writePart(parts.addObject(), m));
        parts.addObject().put("text", promptText);
        if (systemInstructionOrNull != null) {
            body.putObject("systemInstruction").putArray("parts").addObject()
                    .put("text", systemInstructionOrNull);
        }
        body.setAll(tail);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    /** Writes a media part's fields into an empty part object. */
    private static void writePart(ObjectNode part, MediaData m) {
        if (m.inlineData() != null) {
            part.putObject("inlineData").put("mimeType", m.mimeType()).put("data", m.inlineData());
        } else {
            part.putObject("fileData").put("mimeType", m.mimeType()).put("fileUri", m.fileUri());
        }
    }

    /** Stable request id: lowercase hex SHA-256 of model + '\n' + body, first 32 characters. */
    public static String requestId(String model, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(body)).substring(0, REQUEST_ID_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ObjectNode tail(ModelSettings model) {
        ObjectNode tail = MAPPER.createObjectNode();
        ObjectNode generation = GenerationConfig.toJson(MAPPER, model.generation());
        if (!generation.isEmpty()) {
            tail.set("generationConfig", generation);
        }
        if (!model.safetySettings().isEmpty()) {
            for (SafetySetting setting : model.safetySettings()) {
                tail.withArray("safetySettings").addObject()
                        .put("category", setting.category()).put("threshold", setting.threshold());
            }
        }
        merge(tail, GenerationConfig.object(MAPPER, model.extraRequestFieldsJson(),
                "model.extra-request-fields"));
        return tail;
    }

    private static void merge(ObjectNode target, ObjectNode extra) {
        Iterator<Map.Entry<String, JsonNode>> fields = extra.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                object.setAll((ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private Object readResolve() {
        return new RequestBodies(model);
    }
}
