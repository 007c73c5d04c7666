package dev.gembatch.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.model.ApiKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * The calls on the {@code cachedContents} resource (create, list, patch the TTL, delete) over a
 * client's HTTP transport and signer, each answering a JSON object or failing with an
 * IOException that names the HTTP status and Google's message (key redacted). Thread-safe.
 */
final class CacheCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Endpoint endpoint;
    private final Signer signer;
    private final HttpTransport http;
    private final ApiKey key;
    private final Duration deadline;

    /** A cache the API holds: its name, display name and cached tokens. */
    record Held(String name, String displayName, long tokens) {
    }

    CacheCalls(Endpoint endpoint, Signer signer, HttpTransport http, ApiKey key,
               Duration deadline) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.http = http;
        this.key = key;
        this.deadline = deadline;
    }

    /** Creates the cache {@code spec} describes. */
    CompletableFuture<Held> create(CacheSpec spec) {
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree(spec.contentJson());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        body.put("model", endpoint.cacheModel(spec.model()))
                .put("displayName", spec.displayName()).put("ttl", seconds(spec.ttl()));
        return call("POST", endpoint.cachesUri(null, ""), body).thenApply(CacheCalls::held);
    }

    /** Every cache of the project (or API key) whose display name is {@code displayName}. */
    List<Held> list(String displayName) throws IOException {
        List<Held> found = new ArrayList<>();
        String page = "";
        do {
            String query = "pageSize=1000" + (page.isEmpty() ? ""
                    : "&pageToken=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
            JsonNode listed = now(call("GET", endpoint.cachesUri(null, query), null));
            for (JsonNode c : listed.path("cachedContents")) {
                if (displayName.equals(c.path("displayName").asText())) {
                    found.add(held(c));
                }
            }
            page = listed.path("nextPageToken").asText("");
        } while (!page.isEmpty());
        return found;
    }

    /** Sets the cache's expiry to now + {@code ttl}. */
    void extend(String name, Duration ttl) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("ttl", seconds(ttl));
        now(call("PATCH", endpoint.cachesUri(name, "updateMask=ttl"), body));
    }

    /** Deletes the cache. */
    void delete(String name) throws IOException {
        now(call("DELETE", endpoint.cachesUri(name, ""), null));
    }

    /** Waits for {@code call} up to the deadline. */
    <T> T now(CompletableFuture<T> call) throws IOException {
        try {
            return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io
                    : new IOException(key.redact(String.valueOf(e.getCause())));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IOException("cachedContents: no answer within " + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("cachedContents: interrupted");
        }
    }

    private CompletableFuture<JsonNode> call(String method, URI uri, JsonNode body) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        signer.header().whenComplete((auth, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new IOException(key.redact(
                        "cachedContents: no credential: " + failure.getMessage())));
                return;
            }
            http.whole(method, uri, auth, body == null ? null : bytes(body), new FutureCallback<>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    answered(method, response, result);
                }

                @Override
                public void failed(Exception e) {
                    result.completeExceptionally(new IOException(key.redact(
                            "cachedContents " + method + " failed: " + e)));
                }

                @Override
                public void cancelled() {
                    result.cancel(false);
                }
            });
        });
        return result;
    }

    private void answered(String method, SimpleHttpResponse response,
                          CompletableFuture<JsonNode> result) {
        String text = response.getBodyText() == null ? "" : response.getBodyText();
        JsonNode json;
        try {
            json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (response.getCode() / 100 == 2) {
            result.complete(json);
        } else {
            result.completeExceptionally(new IOException(key.redact("cachedContents " + method
                    + " answered HTTP " + response.getCode() + ": "
                    + json.path("error").path("message").asText(text.strip()))));
        }
    }

    private static Held held(JsonNode c) {
        return new Held(c.path("name").asText(), c.path("displayName").asText(),
                c.path("usageMetadata").path("totalTokenCount").asLong());
    }

    private static String seconds(Duration ttl) {
        return ttl.toSeconds() + "s";
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
