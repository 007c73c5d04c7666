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
 * sides, e.g. generationConfig, gets the extra's fields added; anything else is replaced). For a
 * context cache it also builds the part every request shares ({@link #sharedJson}) and the
 * bodies without it ({@link #cachedBody}).
 */
public final class RequestBodies implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int REQUEST_ID_HEX_CHARS = 32;
    /** One digest per thread: looking the algorithm up again for every row costs more than it. */
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(RequestBodies::sha256);
    /** The request fields a context cache holds besides the system instruction. */
    private static final List<String> CACHED_FIELDS = List.of("tools", "toolConfig");

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
        ObjectNode body = contents(media, promptText);
        if (systemInstructionOrNull != null) {
            body.set("systemInstruction", system(systemInstructionOrNull));
        }
        body.setAll(tail);
        return bytes(body);
    }

    /**
     * The body of the same request sent with a context cache that holds {@link #sharedJson}:
     * without the system instruction, tools and tool config (Google refuses a request naming a
     * cache that also sets them).
     */
    public byte[] cachedBody(List<MediaData> media, String promptText) {
        ObjectNode body = contents(media, promptText);
        body.setAll(tail);
        body.remove(CACHED_FIELDS);
        return bytes(body);
    }

    /**
     * What a context cache of these requests holds, as a JSON object: the system instruction
     * (null: none) and the tools and tool config of the extra request fields; null when there is
     * none of them.
     */
    public String sharedJson(String systemInstructionOrNull) {
        ObjectNode shared = MAPPER.createObjectNode();
        if (systemInstructionOrNull != null) {
            shared.set("systemInstruction", system(systemInstructionOrNull));
        }
        CACHED_FIELDS.stream().filter(tail::has).forEach(f -> shared.set(f, tail.get(f)));
        return shared.isEmpty() ? null : shared.toString();
    }

    private static ObjectNode system(String text) {
        ObjectNode system = MAPPER.createObjectNode();
        system.putArray("parts").addObject().put("text", text);
        return system;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static ObjectNode contents(List<MediaData> media, String promptText) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode user = body.putArray("contents").addObject().put("role", "user");
        ArrayNode parts = user.putArray("parts");
        media.forEach(m -> writePart(parts.addObject(), m));
        parts.addObject().put("text", promptText);
        return body;
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
        MessageDigest sha = SHA_256.get();
        sha.update(model.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        return HexFormat.of().formatHex(sha.digest(body), 0, REQUEST_ID_HEX_CHARS / 2);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
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
