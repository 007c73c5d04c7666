package dev.gembatch.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gembatch.stream.StreamDecoder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 2 acceptance: every recorded response in {@code gemini-wire/captures} (test resources)
 * replayed through StreamDecoder + AnswerAssembler, whole, in pieces of 1, 2, 3, 7 and 64 bytes,
 * through a direct ByteBuffer, and (under 8 KiB) split once at every byte, always equal to the
 * golden answer {@code golden/<capture>.json} written by hand from reading the capture.
 */
class CaptureConformanceTest {

    private static final int[] PIECE_SIZES = {1, 2, 3, 7, 64};
    private static final int EVERY_SPLIT_LIMIT = 8 * 1024;

    @Test
    void everyCaptureHasAGoldenAndEveryGoldenACapture() throws IOException {
        Set<String> captures = captureNames();
        Set<String> goldens = goldenNames();
        assertEquals(Set.of(), difference(captures, goldens), "captures without a golden file");
        assertEquals(Set.of(), difference(goldens, captures), "golden files without a capture");
    }

    @TestFactory
    Stream<DynamicNode> everyCaptureReassemblesToItsGolden() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String name : captureNames()) {
            byte[] body = Files.readAllBytes(capturesDir().resolve(name));
            nodes.add(DynamicContainer.dynamicContainer(name, cases(name, body)));
        }
        return nodes.stream();
    }

    private static List<DynamicTest> cases(String name, byte[] body) {
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(DynamicTest.dynamicTest("whole", () -> check(name, inPieces(body, body.length))));
        for (int size : PIECE_SIZES) {
            cases.add(DynamicTest.dynamicTest(size + " bytes per feed",
                    () -> check(name, inPieces(body, size))));
        }
        cases.add(DynamicTest.dynamicTest("64 bytes per direct ByteBuffer",
                () -> check(name, inDirectBuffers(body, 64))));
        if (body.length < EVERY_SPLIT_LIMIT) {
            cases.add(DynamicTest.dynamicTest("split once at each of " + (body.length - 1) + " points",
                    () -> everySplit(name, body)));
        }
        return cases;
    }

    private static void check(String name, Assembled result) throws IOException {
        JsonNode golden = golden(name);
        JsonNode actual = GoldenJson.of(result);
        if (!golden.equals(actual)) {
            assertEquals(pretty(golden), pretty(actual), name);
        }
    }

    /** The whole-body result must equal the golden; every two-feed split must equal it exactly. */
    private static void everySplit(String name, byte[] body) throws IOException {
        Assembled whole = inPieces(body, body.length);
        check(name, whole);
        for (int split = 1; split < body.length; split++) {
            AnswerAssembler assembler = new AnswerAssembler();
            StreamDecoder decoder = new StreamDecoder(assembler);
            decoder.feed(body, 0, split);
            decoder.feed(body, split, body.length - split);
            decoder.finish();
            Assembled actual = assembler.result();
            if (!whole.equals(actual)) {
                assertEquals(pretty(golden(name)), pretty(GoldenJson.of(actual)),
                        name + " split at byte " + split);
            }
        }
    }

    private static Assembled inPieces(byte[] body, int size) {
        AnswerAssembler assembler = new AnswerAssembler();
        StreamDecoder decoder = new StreamDecoder(assembler);
        for (int i = 0; i < body.length; i += size) {
            decoder.feed(body, i, Math.min(size, body.length - i));
        }
        decoder.finish();
        return assembler.result();
    }

    private static Assembled inDirectBuffers(byte[] body, int size) {
        AnswerAssembler assembler = new AnswerAssembler();
        StreamDecoder decoder = new StreamDecoder(assembler);
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < body.length; i += size) {
            buffer.clear();
            buffer.put(body, i, Math.min(size, body.length - i)).flip();
            decoder.feed(buffer);
            assertEquals(0, buffer.remaining(), "feed(ByteBuffer) consumes everything");
        }
        decoder.finish();
        return assembler.result();
    }

    private static JsonNode golden(String captureName) throws IOException {
        return GoldenJson.MAPPER.readTree(goldenDir().resolve(captureName + ".json").toFile());
    }

    private static String pretty(JsonNode node) throws IOException {
        return GoldenJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static Set<String> captureNames() throws IOException {
        try (Stream<Path> files = Files.list(capturesDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".request.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> goldenNames() throws IOException {
        try (Stream<Path> files = Files.list(goldenDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static Path capturesDir() {
        return testResource("/gemini-wire/captures");
    }

    private static Path goldenDir() {
        return testResource("/golden");
    }

    private static Path testResource(String name) {
        try {
            return Path.of(CaptureConformanceTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
