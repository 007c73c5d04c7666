package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.credentials.AccessTokens;
import dev.gembatch.credentials.CredentialsUnavailableException;
import java.util.concurrent.CompletableFuture;

/**
 * Signs the requests of one client: with the API key (the Gemini API, Vertex express mode; none
 * in query auth mode, where the key is in the URL) or with an OAuth2 access token from Google's
 * credentials (Vertex), which may mean waiting for a refresh. A token the server refused with 401
 * is {@link #rejected} so that the row is retried once with a fresh one.
 */
final class Signer implements AutoCloseable {
    private final AuthHeader key;
    private final AccessTokens tokens;

    private Signer(AuthHeader key, AccessTokens tokens) {
        this.key = key;
        this.tokens = tokens;
    }

    /** Loads the credentials now (Vertex); throws IllegalStateException when there are none. */
    static Signer of(GeminiSettings settings, Endpoint endpoint) {
        boolean vertexTokens = settings.api() == GeminiSettings.Api.VERTEX
                && settings.vertex().usesTokens();
        if (!vertexTokens) {
            String k = endpoint.keyHeader();
            return new Signer(k == null ? null : AuthHeader.apiKey(k), null);
        }
        try {
            return new Signer(null, AccessTokens.load(settings.vertex()));
        } catch (CredentialsUnavailableException e) {
            throw new IllegalStateException("Vertex AI: " + e.getMessage());
        }
    }

    /** The header to send now (null: none); completes exceptionally when no token can be had. */
    CompletableFuture<AuthHeader> header() {
        return tokens == null ? CompletableFuture.completedFuture(key)
                : tokens.token().thenApply(AuthHeader::bearer);
    }

    /** Whether a 401 may be a stale token worth one retry with a fresh one. */
    boolean renewable() {
        return tokens != null;
    }

    /** The server refused this header with 401: its token is not handed out again. */
    void rejected(AuthHeader used) {
        if (tokens != null && used != null && used.value().startsWith("Bearer ")) {
            tokens.rejected(used.value().substring("Bearer ".length()));
        }
    }

    /** The signing header as a description shows it, or null when there is none. */
    String shown() {
        return tokens != null ? AuthHeader.bearer("").shown() : key == null ? null : key.shown();
    }

    @Override
    public void close() {
        if (tokens != null) {
            tokens.close();
        }
    }
}
