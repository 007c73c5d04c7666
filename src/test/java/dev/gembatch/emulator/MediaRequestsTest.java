package dev.gembatch.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests with inlineData and fileData parts: malformed ones get Google's 400, well-formed ones an
 * answer about each part (MIME type, size and hash of the decoded bytes, or the URI), in order.
 */
class MediaRequestsTest {
    private static final String UNARY = Loopback.MODEL + ":generateContent";
    /** SHA-256 of the three bytes 00 01 02: ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc. */
    private static final String INLINE = "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAEC\"}}";
    private static final String FILE = "{\"file_data\":{\"mime_type\":\"application/pdf\","
            + "\"file_uri\":\"gs://b/doc.pdf\"}}";
    private static GeminiEmulator emulator;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiEmulator.start(EmulatorOptions.defaults());
        http = new Loopback(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theAnswerIsAboutEachMediaPartInOrder() throws Exception {
        HttpResponse<byte[]> response = post(INLINE + "," + FILE + ",{\"text\":\"Describe.\"}");
        assertEquals(200, response.statusCode(), Loopback.text(response));
        String text = Captures.tree(Loopback.text(response)).path("candidates").path(0)
                .path("content").path("parts").path(0).path("text").asText();
        String prompt = "[inline image/png 3 bytes sha256:ae4b3280e56e]\n"
                + "[file application/pdf gs://b/doc.pdf]\nDescribe.";
        assertEquals(EmulatorAnswers.textFor(Loopback.MODEL, prompt), text);
        assertTrue(text.startsWith("Emulated answer to «Describe.» about [inline image/png 3 bytes"
                + " sha256:ae4b3280e56e] [file application/pdf gs://b/doc.pdf]:\n"), text);
    }

    @Test
    void inlineDataWithoutMimeTypeIsRejectedLikeGoogle() throws Exception {
        assertInvalid(post("{\"text\":\"x\"},{\"inlineData\":{\"data\":\"AAEC\"}}"),
                "* GenerateContentRequest.contents[0].parts[1].inline_data.mime_type: mime_type is"
                        + " not specified\n");
    }

    @Test
    void inlineDataThatIsNotBase64IsRejected() throws Exception {
        assertInvalid(post("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"not base64!\"}}"),
                "Invalid value at 'contents[0].parts[0].inline_data.data' (TYPE_BYTES), Base64"
                        + " decoding failed");
    }

    @Test
    void fileDataWithoutUriIsRejected() throws Exception {
        assertInvalid(post("{\"fileData\":{\"mimeType\":\"application/pdf\"}}"),
                "* GenerateContentRequest.contents[0].parts[0].file_data.file_uri: file_uri is not"
                        + " specified\n");
    }

    private static void assertInvalid(HttpResponse<byte[]> response, String message) {
        assertEquals(400, response.statusCode());
        JsonNode error = Captures.tree(Loopback.text(response)).path("error");
        assertEquals("INVALID_ARGUMENT", error.path("status").asText());
        assertEquals(message, error.path("message").asText());
    }

    private static HttpResponse<byte[]> post(String parts) throws Exception {
        return http.post(UNARY, "{\"contents\":[{\"role\":\"user\",\"parts\":[" + parts + "]}]}",
                emulator.apiKey());
    }
}
