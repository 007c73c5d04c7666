package dev.gembatch.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test helper: real HTTP/1.1 calls over loopback with the JDK client. */
final class Loopback {
    static final String MODEL = "gemini-2.5-flash";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final GeminiEmulator emulator;

    Loopback(GeminiEmulator emulator) {
        this.emulator = emulator;
    }

    /** A request body with one user text part (JSON-escaped). */
    static String body(String prompt) {
        return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + quote(prompt) + "}]}]}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"').toString();
    }

    HttpResponse<byte[]> stream(String prompt, boolean sse) throws IOException, InterruptedException {
        return post(MODEL + ":streamGenerateContent" + (sse ? "?alt=sse" : ""), body(prompt), emulator.apiKey());
    }

    /** POST to /v1beta/models/{pathTail} with the key in x-goog-api-key (none when key is null). */
    HttpResponse<byte[]> post(String pathTail, String body, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1beta/models/" + pathTail))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpClient client() {
        return CLIENT;
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
