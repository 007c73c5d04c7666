package dev.gembatch.transport;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.limit.Limiter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One per JVM: asynchronous streaming Gemini client with a concurrency limiter, deadlines and
 * retries. Thread-safe. Returned futures complete on the client's I/O or timer threads, so their
 * dependent stages must not block (use the *Async variants to hop elsewhere).
 */
public final class GeminiClient implements AutoCloseable {
    private final ClientParts parts;
    private final Set<RetryingExchange> rows = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean closed;

    private GeminiClient(ClientParts parts) {
        this.parts = parts;
    }

    /**
     * A started client. Throws IllegalArgumentException for settings it cannot honour, such as
     * plain http to a non-loopback host without {@code allowInsecureHttp}, and
     * IllegalStateException when Vertex AI's Google credentials cannot be loaded on this JVM.
     */
    public static GeminiClient create(GeminiSettings settings, AttemptListener listener) {
        return create(settings, listener, ClientClock.system(), null, null);
    }

    /**
     * The same, its quota paced by permits leased through {@code leases} when the settings' quota
     * is leased (see {@link Limiter.LeaseChannel}).
     */
    public static GeminiClient create(GeminiSettings settings, AttemptListener listener,
                                      Limiter.LeaseChannel leases) {
        return create(settings, listener, ClientClock.system(), null, leases);
    }

    /**
     * The same with injected time, randomness and scheduling, and a trust store other than the
     * JVM's when {@code trust} is not null (tests: a loopback TLS server's own certificate).
     */
    static GeminiClient create(GeminiSettings settings, AttemptListener listener, ClientClock clock,
                               SSLContext trust) {
        return create(settings, listener, clock, trust, null);
    }

    private static GeminiClient create(GeminiSettings settings, AttemptListener listener,
                                       ClientClock clock, SSLContext trust,
                                       Limiter.LeaseChannel leases) {
        if (settings.quota().leased() && settings.quota().limited() && leases == null) {
            throw new IllegalArgumentException("a leased quota needs the channel to the driver");
        }
        Endpoint endpoint = Endpoint.of(settings);
        Limiter limiter = Limiter.of(settings.limiter(), settings.quota(), clock.nanos(),
                clock.deadlines(), leases);
        Classifier classifier =
                new Classifier(settings.apiKey(), clock.wall());
        Backoff backoff = new Backoff(settings.retry(), clock.jitter());
        Signer signer = Signer.of(settings, endpoint);
        HttpTransport http = new HttpTransport(settings, trust);
        AttemptListener l = listener == null ? AttemptListener.NONE : listener;
        CacheCalls caches = new CacheCalls(endpoint, signer, http, settings.apiKey(),
                settings.timeouts().connect().plus(settings.timeouts().firstByte()));
        return new GeminiClient(new ClientParts(settings, endpoint, signer, http, limiter,
                classifier, backoff, clock, l, new CacheBook(caches::create)));
    }

    /**
     * Sends one request. Completes NORMALLY for every outcome: an Answer with status
     * OK/TRUNCATED/BLOCKED/INCOMPLETE, or FAILED with its ErrorInfo after retries, a permanent
     * error or the row deadline. Completes exceptionally, with {@link ClientStoppedException},
     * only when the client is (or gets) stopped or closed: the row has no outcome. Cancelling the future abandons the request and frees its permit. Throws
     * IllegalArgumentException at once for a model name that cannot be a URL path segment.
     */
    public CompletableFuture<Answer> send(GeminiRequest request) {
        if (!accepting()) {
            return CompletableFuture.failedFuture(stoppedError());
        }
        CompletableFuture<Answer> result = new CompletableFuture<>();
        RetryingExchange row = new RetryingExchange(parts, request, result);
        rows.add(row);
        result.whenComplete((answer, failure) -> {
            rows.remove(row);
            if (failure instanceof CancellationException) {
                row.abandon(failure);
            }
        });
        if (!accepting()) {
            row.abandon(stoppedError());
        } else {
            row.start();
        }
        return result;
    }

    /** False once the client is stopping or closed: {@link #send} then sends nothing. */
    public boolean accepting() {
        return !stopping && !closed;
    }

    /**
     * A graceful stop (the executor is shutting down): takes no new request, ends at once the
     * rows that are not on the wire (waiting for a permit or backing off), lets the attempts on
     * the wire finish for up to {@code grace} without retrying them, then closes. Every row it
     * ends completes with {@link ClientStoppedException}. Blocks the caller for at most
     * {@code grace}.
     */
    public void stop(Duration grace) {
        stopping = true;
        ClientStoppedException why = stoppedError();
        rows.forEach(row -> row.stop(why));
        CompletableFuture<?>[] left = rows.stream().map(RetryingExchange::result)
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(left).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the grace is over, or a row ended without an outcome: close ends the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** How long {@link #stop} lets requests on the wire finish (the settings' shutdown grace). */
    public Duration shutdownGrace() {
        return parts.settings().timeouts().shutdownGrace();
    }

    /**
     * Why the project's per-day quota is spent (learnt from a 429 here, or from the driver), or
     * null while it is not: every row not yet sent then completes SKIPPED with QUOTA_EXHAUSTED.
     */
    public String exhausted() {
        return parts.limiter().exhausted();
    }

    /** Requests currently holding a permit (in flight on the wire). */
    public int inFlight() {
        return parts.limiter().inFlight();
    }

    /** The limiter's current limit (changes only when adaptive). */
    int limit() {
        return parts.limiter().limit();
    }

    /** Fails pending requests, releases their permits, closes connections and timers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClientStoppedException why = stoppedError();
        for (RetryingExchange row : rows) {
            row.abandon(why);
        }
        parts.limiter().close();
        parts.http().close();
        parts.signer().close();
        parts.clock().shutdown().run();
    }

    private ClientStoppedException stoppedError() {
        return new ClientStoppedException(closed ? "the Gemini client is closed"
                : ClientStoppedException.STOPPING);
    }
}
