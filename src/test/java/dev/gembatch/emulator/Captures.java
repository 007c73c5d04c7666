package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Test helper: reads the real captures in src/test/resources/gemini-wire/captures (through the test
 * class path) and splits bodies into chunks.
 */
final class Captures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Captures() {
    }

    static Path dir() {
        try {
            return Path.of(Captures.class.getResource("/gemini-wire/captures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of each {@code data: } event of an SSE body framed with CRLF CRLF. */
    static List<String> sseEvents(String body) {
        List<String> events = new ArrayList<>();
        for (String event : body.split("\r\n\r\n", -1)) {
            if (!event.isEmpty()) {
                events.add(event.substring("data: ".length()));
            }
        }
        return events;
    }

    /** The pretty JSON of each element of a streamed array body. */
    static List<String> arrayElements(String body) {
        String inner = body.substring(1, body.length() - "\n]".length());
        return List.of(inner.split("\n,\r\n", -1));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Problems where the emulator orders keys differently from the capture: for every object both
     * have at the same path, the keys they share must come in the same order (recursing into
     * shared keys and into array elements pairwise).
     */
    static List<String> orderConflicts(JsonNode emulator, JsonNode capture, String path) {
        List<String> problems = new ArrayList<>();
        if (emulator.isObject() && capture.isObject()) {
            List<String> ours = sharedKeys(emulator, capture);
            List<String> theirs = sharedKeys(capture, emulator);
            if (!ours.equals(theirs)) {
                problems.add(path + ": emulator " + ours + " vs capture " + theirs);
            }
            for (String key : ours) {
                problems.addAll(orderConflicts(emulator.get(key), capture.get(key), path + "." + key));
            }
        } else if (emulator.isArray() && capture.isArray()) {
            for (int i = 0; i < Math.min(emulator.size(), capture.size()); i++) {
                problems.addAll(orderConflicts(emulator.get(i), capture.get(i), path + "[" + i + "]"));
            }
        }
        return problems;
    }

    private static List<String> sharedKeys(JsonNode first, JsonNode second) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = first.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (second.has(name)) {
                keys.add(name);
            }
        }
        return keys;
    }
}
