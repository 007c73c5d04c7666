package dev.gembatch.bench.jmh;

import dev.gembatch.assembly.AnswerAssembler;
import dev.gembatch.stream.StreamDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The response bodies one benchmark invocation decodes: every recorded stream of one wire format
 * from the captures on the test class path (src/test/resources/gemini-wire/captures), or one
 * large synthetic stream; with their total chunks and bytes.
 */
final class Corpus {
    /** Network-sized slices: what one read of the HTTP client hands the decoder. */
    static final int SLICE = 8192;

    private final List<byte[]> bodies;
    private final long bytes;
    private final long chunks;

    private Corpus(List<byte[]> bodies) {
        this.bodies = bodies;
        this.bytes = bodies.stream().mapToLong(b -> b.length).sum();
        this.chunks = bodies.stream().mapToLong(b -> decode(b).result().chunks()).sum();
    }

    /** source: captures | synthetic; format: sse | array. */
    static Corpus of(String source, String format) {
        boolean sse = format.equals("sse");
        if (source.equals("synthetic")) {
            return new Corpus(List.of(SyntheticStream.bytes(sse, 2_000)));
        }
        return new Corpus(captures(sse ? "sse-" : "array-"));
    }

    private static List<byte[]> captures(String prefix) {
        Path dir = capturesDir();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.getFileName().toString().endsWith(".request.json"))
                    .sorted().map(Corpus::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path capturesDir() {
        try {
            return Path.of(Corpus.class.getResource("/gemini-wire/captures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes and reassembles one body, fed in {@link #SLICE}-byte pieces. */
    static AnswerAssembler decode(byte[] body) {
        AnswerAssembler assembler = new AnswerAssembler();
        StreamDecoder decoder = new StreamDecoder(assembler);
        for (int at = 0; at < body.length; at += SLICE) {
            decoder.feed(body, at, Math.min(SLICE, body.length - at));
        }
        decoder.finish();
        return assembler;
    }

    List<byte[]> bodies() {
        return bodies;
    }

    long bytes() {
        return bytes;
    }

    long chunks() {
        return chunks;
    }
}
