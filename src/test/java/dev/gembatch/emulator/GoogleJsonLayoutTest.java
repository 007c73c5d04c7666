package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The emulator's JSON writer reproduces Google's real bytes exactly when fed the captured trees. */
class GoogleJsonLayoutTest {

    /**
     * Captures whose bytes were edited upstream and cannot be Google's: a {@code <redacted>}
     * placeholder written raw (Google escapes {@code <}), an SDK fixture that is not SSE, and a
     * fixture re-framed with LF and no final blank line.
     */
    private static final Set<String> EDITED_UPSTREAM = Set.of(
            "sse-vertex-finish-safety-scores-blocked-true.txt", "sse-then-raw-json-error-499-cancelled-fixture.txt",
            "sse-final-event-content-without-parts-image-gen.txt");

    static List<String> sseCaptures() throws IOException {
        return names("sse-", ".txt").stream().filter(name -> !EDITED_UPSTREAM.contains(name))
                .collect(Collectors.toList());
    }

    static List<String> arrayCaptures() throws IOException {
        return names("array-", ".json");
    }

    static List<String> errorCaptures() throws IOException {
        return names("error-", ".json");
    }

    private static List<String> names(String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Captures.dir())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(suffix) && !name.contains(".request."))
                    .sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("sseCaptures")
    void compactWriterRebuildsEverySseCaptureByteForByte(String capture) {
        String body = Captures.read(capture);
        StringBuilder rebuilt = new StringBuilder();
        for (String event : Captures.sseEvents(body)) {
            rebuilt.append("data: ").append(GoogleJson.compact(Captures.tree(event))).append("\r\n\r\n");
        }
        assertEquals(body, rebuilt.toString());
    }

    @ParameterizedTest
    @MethodSource("arrayCaptures")
    void prettyWriterRebuildsEveryArrayCaptureByteForByte(String capture) {
        String body = Captures.read(capture);
        List<String> elements = Captures.arrayElements(body);
        StringBuilder rebuilt = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            rebuilt.append(WireFormat.ARRAY.chunk(Captures.tree(elements.get(i)), i));
        }
        assertEquals(body, rebuilt.append(WireFormat.ARRAY.close()).toString());
    }

    @ParameterizedTest
    @MethodSource("errorCaptures")
    void errorBodiesRebuildEveryErrorCaptureByteForByte(String capture) {
        String body = Captures.read(capture);
        boolean wrapped = body.startsWith("[");
        String json = wrapped ? body.substring(1, body.length() - 2) : body;
        WireFormat format = wrapped ? WireFormat.ARRAY : WireFormat.SSE;
        assertTrue(json.endsWith("}") || json.endsWith("}\n"), capture);
        String rebuilt = format.errorBody(Captures.tree(json));
        // Firebase's legacy 429 fixture was saved without the final newline Google sends.
        assertEquals(body.endsWith("}") && !wrapped ? body + "\n" : body, rebuilt);
    }
}
