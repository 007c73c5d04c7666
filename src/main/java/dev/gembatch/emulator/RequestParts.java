package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The media parts of a request as the emulator reads them: {@code inlineData} and {@code fileData}
 * (lowerCamel or snake_case, as Google accepts), checked like Google does (400 with a
 * {@code * Field: ...} message) and described in one line each, so the deterministic answer
 * depends on the exact bytes: {@code [inline image/png 1234 bytes sha256:0123456789ab]} and
 * {@code [file application/pdf gs://bucket/doc.pdf]}.
 */
final class RequestParts {
    private static final int HASH_HEX_CHARS = 12;

    private RequestParts() {
    }

    /** Google's message for the first malformed media part of the contents, or null. */
    static String problem(JsonNode contents) {
        for (int c = 0; c < contents.size(); c++) {
            JsonNode parts = contents.get(c).path("parts");
            for (int p = 0; p < parts.size(); p++) {
                String problem = problem(parts.get(p), "contents[" + c + "].parts[" + p + "]");
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String problem(JsonNode part, String where) {
        JsonNode inline = object(part, "inlineData", "inline_data");
        if (inline != null) {
            JsonNode mime = value(inline, "mimeType", "mime_type");
            if (!mime.isTextual() || mime.textValue().isBlank()) {
                return notSpecified(where + ".inline_data.mime_type", "mime_type");
            }
            JsonNode data = value(inline, "data", "data");
            if (!data.isTextual() || data.textValue().isEmpty()) {
                return notSpecified(where + ".inline_data.data", "data");
            }
            return decode(data.textValue()) == null ? "Invalid value at '" + where
                    + ".inline_data.data' (TYPE_BYTES), Base64 decoding failed" : null;
        }
        JsonNode file = object(part, "fileData", "file_data");
        if (file != null && !value(file, "fileUri", "file_uri").isTextual()) {
            return notSpecified(where + ".file_data.file_uri", "file_uri");
        }
        return null;
    }

    /** The one-line description of a media part, or null for any other part. */
    static String describe(JsonNode part) {
        JsonNode inline = object(part, "inlineData", "inline_data");
        if (inline != null) {
            byte[] bytes = decode(value(inline, "data", "data").textValue());
            return "[inline " + value(inline, "mimeType", "mime_type").textValue() + " "
                    + bytes.length + " bytes sha256:" + sha256(bytes).substring(0, HASH_HEX_CHARS)
                    + "]";
        }
        JsonNode file = object(part, "fileData", "file_data");
        if (file != null) {
            JsonNode mime = value(file, "mimeType", "mime_type");
            return "[file " + (mime.isTextual() ? mime.textValue() : "unspecified") + " "
                    + value(file, "fileUri", "file_uri").textValue() + "]";
        }
        return null;
    }

    /** Standard or URL-safe base64 (both are accepted for proto bytes), or null. */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException urlSafe) {
                return null;
            }
        }
    }

    private static String notSpecified(String field, String name) {
        return "* GenerateContentRequest." + field + ": " + name + " is not specified\n";
    }

    /** The object under either name, or null. */
    private static JsonNode object(JsonNode node, String camel, String snake) {
        JsonNode value = value(node, camel, snake);
        return value.isObject() ? value : null;
    }

    /** The value under either name (a missing node when neither is there). */
    private static JsonNode value(JsonNode node, String camel, String snake) {
        JsonNode value = node.get(camel);
        return value != null ? value : node.path(snake);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
