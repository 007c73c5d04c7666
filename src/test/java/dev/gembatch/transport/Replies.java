package dev.gembatch.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Scripted replies built from captured wire bytes (read as bytes: CRLF matters). */
final class Replies {
    static final String SSE = "Content-Type: text/event-stream";
    static final String JSON = "Content-Type: application/json; charset=UTF-8";

    private Replies() {
    }

    static byte[] capture(String name) {
        try {
            return Files.readAllBytes(Path.of(
                    Replies.class.getResource("/gemini-wire/captures/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** 200, chunked, the body in pieces of 64 bytes, then a clean end. */
    static ScriptedServer.Reply stream(byte[] body, String... headers) {
        return (req, out) -> {
            out.chunkedHead(200, headers.length == 0 ? new String[] {SSE} : headers);
            for (int i = 0; i < body.length; i += 64) {
                out.chunk(Arrays.copyOfRange(body, i, Math.min(body.length, i + 64)));
            }
            out.endChunks();
            return true;
        };
    }

    /** 200, the first n bytes of the body, then the connection drops. */
    static ScriptedServer.Reply cutAfter(byte[] body, int n) {
        return (req, out) -> {
            out.chunkedHead(200, SSE);
            out.chunk(Arrays.copyOf(body, n));
            out.cut();
            return false;
        };
    }

    /** 200, the first n bytes of the body, then silence until the client hangs up. */
    static ScriptedServer.Reply stallAfter(byte[] body, int n) {
        return (req, out) -> {
            out.chunkedHead(200, SSE);
            out.chunk(Arrays.copyOf(body, n));
            out.stall();
            return false;
        };
    }

    /** No response at all until the client hangs up. */
    static ScriptedServer.Reply silence() {
        return (req, out) -> {
            out.stall();
            return false;
        };
    }

    /** A whole (Content-Length) response. */
    static ScriptedServer.Reply status(int code, byte[] body, String... headers) {
        return (req, out) -> {
            out.whole(code, body, headers.length == 0 ? new String[] {JSON} : headers);
            return true;
        };
    }

    /** 200, gzip-compressed, sent in 7-byte chunks so that every gzip part is split. */
    static ScriptedServer.Reply gzipped(byte[] body) {
        byte[] packed = gzip(body);
        return (req, out) -> {
            out.chunkedHead(200, SSE, "Content-Encoding: gzip");
            for (int i = 0; i < packed.length; i += 7) {
                out.chunk(Arrays.copyOfRange(packed, i, Math.min(packed.length, i + 7)));
            }
            out.endChunks();
            return true;
        };
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
