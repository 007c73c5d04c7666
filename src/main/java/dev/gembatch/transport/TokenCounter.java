package dev.gembatch.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.ApiKey;
import dev.gembatch.model.ErrorStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;

/**
 * Calls the model's {@code :countTokens} (which generates nothing) with the
 * same HttpClient set-up, auth and timeouts as {@link GeminiClient}, and describes the generation
 * call a request would make, key redacted. Driver side, blocking with a deadline. Not thread-safe.
 */
public final class TokenCounter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiSettings settings;
    private final Endpoint endpoint;
    private final Signer signer;
    private final HttpTransport http;
    private final Duration deadline;

    private TokenCounter(GeminiSettings settings) {
        this.settings = settings;
        this.endpoint = Endpoint.of(settings);
        this.signer = Signer.of(settings, endpoint);
        this.http = new HttpTransport(settings, null);
        this.deadline = settings.timeouts().connect().plus(settings.timeouts().firstByte());
    }

    /**
     * A started counter; IllegalArgumentException for a base URL the transport refuses,
     * IllegalStateException when Vertex AI's Google credentials cannot be loaded.
     */
    public static TokenCounter create(GeminiSettings settings) {
        return new TokenCounter(settings);
    }

    /**
     * The prompt tokens of a generation request body: its contents, with the system instruction
     * counted as one more leading content. IOException (key redacted) when the endpoint cannot be
     * reached in time or does not answer 200 with a {@code totalTokens}; {@link
     * UnknownModelException} when it says the model does not exist.
     */
    public int count(GeminiRequest request) throws IOException {
        byte[] body = countBody(request.body());
        Future<SimpleHttpResponse> call = null;
        try {
            AuthHeader auth = signer.header().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            call = http.postWhole(endpoint.countTokensUri(request.model()), auth, body, null);
            return totalTokens(call.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw failure(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            if (call != null) {
                call.cancel(true);
            }
            throw failure("no answer within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    /** {@code POST <url>} then the request headers, with the API key shown as {@code ***}. */
    public List<String> describeGeneration(String model) {
        ApiKey key = settings.apiKey();
        List<String> lines = new ArrayList<>();
        lines.add("POST " + key.redact(endpoint.uri(model).toString()));
        lines.add("Content-Type: application/json");
        lines.add("Accept-Encoding: gzip");
        lines.add("User-Agent: " + settings.userAgent());
        if (signer.shown() != null) {
            lines.add(signer.shown());
        }
        return lines;
    }

    private static byte[] countBody(byte[] generationBody) throws IOException {
        JsonNode request = JSON.readTree(generationBody);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        JsonNode system = request.path("systemInstruction").path("parts");
        if (system.isArray() && !system.isEmpty()) {
            contents.addObject().put("role", "user").set("parts", system);
        }
        request.path("contents").forEach(contents::add);
        return JSON.writeValueAsBytes(body);
    }

    private int totalTokens(SimpleHttpResponse response) throws IOException {
        String text = response.getBodyText() == null ? "" : response.getBodyText();
        JsonNode json = parse(text);
        if (response.getCode() != 200 || !json.path("totalTokens").isInt()) {
            String message = json.path("error").path("message").asText(text.strip());
            if (response.getCode() == 404
                    && ErrorStatus.NOT_FOUND.is(json.path("error").path("status").asText())) {
                throw new UnknownModelException(settings.apiKey().redact("404 "
                        + ErrorStatus.NOT_FOUND + ": " + message));
            }
            throw failure("HTTP " + response.getCode() + ": " + message);
        }
        return json.path("totalTokens").intValue();
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode json = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
            return json == null ? JSON.createObjectNode() : json;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private IOException failure(String detail) {
        return new IOException(settings.apiKey().redact("countTokens failed: " + detail));
    }

    @Override
    public void close() {
        http.close();
        signer.close();
    }
}
