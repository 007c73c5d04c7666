package dev.gembatch.credentials;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.gembatch.config.VertexSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The OAuth2 access tokens of one JVM (one per Gemini client), thread-safe. {@link #token()}
 * answers at once with the current token while it is fresh; once it is due (a quarter of its
 * lifetime before expiry, at most 5 minutes before) one refresh starts in the background while
 * the still valid token keeps being handed out; only an expired or rejected token makes callers
 * wait for the refresh. Refreshes (Google's auth library, blocking HTTP) run on this object's own
 * daemon thread, never on the caller's; concurrent callers share one refresh.
 */
public final class AccessTokens implements AutoCloseable {
    private final GoogleCredentials credentials;
    private final Clock clock;
    private final ExecutorService refresher;
    private Token current;
    private CompletableFuture<Token> refreshing;

    private AccessTokens(GoogleCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.refresher = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "gembatch-google-token");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The tokens of the credentials {@code vertex} names (its key file, else Application Default
     * Credentials), loaded now; the first token is fetched on the first {@link #token()}.
     */
    public static AccessTokens load(VertexSettings vertex) throws CredentialsUnavailableException {
        return new AccessTokens(CredentialSource.load(vertex), Clock.systemUTC());
    }

    /** A token to send now; completes exceptionally with {@link CredentialsUnavailableException}. */
    public CompletableFuture<String> token() {
        Instant now = clock.instant();
        Token t;
        CompletableFuture<Token> next = null;
        synchronized (this) {
            t = current;
            if (t == null || t.due(now)) {
                next = refresh();
            }
        }
        if (t != null && t.usable(now)) {
            return CompletableFuture.completedFuture(t.value());
        }
        return next.thenApply(Token::value);
    }

    /**
     * The server refused {@code token} (401: expired early, revoked, clock skew): it is not handed
     * out again, and the next {@link #token()} waits for a new one. A token already replaced is
     * ignored, so many requests refused at once cause one refresh.
     */
    public synchronized void rejected(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    /**
     * Caller holds the lock. Callers get the fetched token only once it is recorded (current,
     * the refresh over): one who rejects it at once then finds it current and never gets it back.
     * The refresh is recorded before it can end, so one that ends at once (its handler then runs
     * on this thread) clears it.
     */
    private CompletableFuture<Token> refresh() {
        if (refreshing != null) {
            return refreshing;
        }
        CompletableFuture<Token> done = new CompletableFuture<>();
        refreshing = done;
        try {
            CompletableFuture.supplyAsync(this::fetch, refresher).whenComplete((token, failure) -> {
                settle(token);
                if (failure == null) {
                    done.complete(token);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException closed) {
            refreshing = null;
            return CompletableFuture.failedFuture(new CredentialsUnavailableException(
                    "the Google credentials of this client are closed"));
        }
        return done;
    }

    /** The one refresh under way ended, with a token or without. */
    private synchronized void settle(Token token) {
        refreshing = null;
        if (token != null) {
            current = token;
        }
    }

    private Token fetch() {
        Instant issued = clock.instant();
        try {
            credentials.refresh();
            AccessToken at = credentials.getAccessToken();
            if (at == null || at.getTokenValue() == null) {
                throw new CompletionException(new CredentialsUnavailableException(
                        "Google's token endpoint answered without an access token"));
            }
            Instant expires = at.getExpirationTime() == null ? issued.plusSeconds(3600)
                    : at.getExpirationTime().toInstant();
            return Token.of(at.getTokenValue(), issued, expires);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CompletionException) {
                throw (CompletionException) e;
            }
            throw new CompletionException(new CredentialsUnavailableException(
                    "could not get a Google access token: " + e.getClass().getSimpleName()
                            + firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) : line);
    }

    /** Stops the refresh thread; a refresh under way is abandoned. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
