package dev.gembatch.transport;

import dev.gembatch.assembly.AnswerAssembler;
import dev.gembatch.config.Timeouts;
import dev.gembatch.stream.StreamDecoder;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * One HTTP exchange, consumed as it streams: body bytes are gunzipped when needed and fed to a
 * decoder and assembler on arrival, never buffered whole. Watches its own deadlines (first byte
 * and idle gap through a {@link SilenceWatch}, the whole attempt with a timer) and reports
 * exactly one {@link AttemptResult}, whichever of completion, failure, deadline or abort comes
 * first, with the tier the response header says served it.
 */
final class Attempt extends AbstractBinResponseConsumer<Void> {
    /** The response header naming the tier that served a request (a downgraded Priority one). */
    static final String SERVED_TIER = "x-gemini-service-tier";
    private final ClientClock clock;
    private final Timeouts timeouts;
    private final Consumer<AttemptResult> done;
    private final long started;
    private final AnswerAssembler assembler = new AnswerAssembler();
    private final StreamDecoder decoder = new StreamDecoder(assembler);
    private boolean finished;
    private Gunzip gunzip;
    private Integer code;
    private String contentType;
    private String retryAfter;
    private String servedTier;
    private long firstByteAt = -1;
    private final SilenceWatch silence;
    private Future<?> attemptTimer;
    private Future<?> exchange;
    private AuthHeader sentWith;

    Attempt(ClientClock clock, Timeouts timeouts, Consumer<AttemptResult> done) {
        this.clock = clock;
        this.timeouts = timeouts;
        this.done = done;
        this.started = clock.nanos().getAsLong();
        this.silence = new SilenceWatch(clock, this::abort);
    }

    /**
     * Starts the attempt's deadline, then sends once the signing header is there (at once, unless
     * a token is being refreshed); a header that cannot be had ends the attempt as a failure.
     */
    void submit(HttpTransport http, URI uri, CompletableFuture<AuthHeader> auth, byte[] body) {
        synchronized (this) {
            attemptTimer =
                    clock.deadlines().after(timeouts.attempt(), () -> abort(Deadline.ATTEMPT));
        }
        auth.whenComplete((header, failure) -> {
            if (failure == null) {
                post(http, uri, header, body);
            } else {
                finish(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure, null);
            }
        });
    }

    /** The header this attempt was signed with (null before it was sent, or when unsigned). */
    synchronized AuthHeader sentWith() {
        return sentWith;
    }

    private void post(HttpTransport http, URI uri, AuthHeader header, byte[] body) {
        synchronized (this) {
            if (finished) {
                return;
            }
            sentWith = header;
        }
        Future<?> f;
        try {
            f = http.post(uri, header, body, this::sent, this, new Callback());
        } catch (RuntimeException refused) {
            finish(refused, null);
            return;
        }
        boolean late;
        synchronized (this) {
            exchange = f;
            late = finished;
        }
        if (late) {
            f.cancel(true);
        }
    }

    /** Ends the attempt now with a deadline (the row's, or one of its own). */
    void abort(Deadline why) {
        finish(null, why);
    }

    /** Ends the attempt now because the row no longer wants it (closed, cancelled). */
    void cancel() {
        finish(new CancellationException("request cancelled"), null);
    }

    private synchronized void sent() {
        if (!finished && firstByteAt < 0) {
            silence.arm(Deadline.FIRST_BYTE, timeouts.firstByte());
        }
    }

    @Override
    protected synchronized void start(HttpResponse response, ContentType type) {
        code = response.getCode();
        contentType = type == null ? null : type.getMimeType();
        Header ra = response.getFirstHeader("Retry-After");
        retryAfter = ra == null ? null : ra.getValue();
        Header tier = response.getFirstHeader(SERVED_TIER);
        servedTier = tier == null ? null : tier.getValue().strip();
        Header ce = response.getFirstHeader("Content-Encoding");
        if (ce != null && ce.getValue().strip().equalsIgnoreCase("gzip")) {
            gunzip = new Gunzip(decoder::feed);
        }
    }

    @Override
    protected int capacityIncrement() {
        return 1 << 20;
    }

    /**
     * Feeds the body to the decoder. A body that cannot be decoded (a gzip stream cut short)
     * ends this attempt and resets its own exchange: thrown to HttpCore instead, it would close
     * the whole connection, on HTTP/2 every other stream multiplexed on it.
     */
    @Override
    protected void data(ByteBuffer src, boolean endOfStream) {
        IOException broken;
        synchronized (this) {
            if (finished) {
                return;
            }
            try {
                decode(src, endOfStream);
                return;
            } catch (IOException e) {
                broken = e;
            }
        }
        finish(broken, null);
    }

    private void decode(ByteBuffer src, boolean endOfStream) throws IOException {
        if (src.hasRemaining()) {
            touch();
            if (gunzip != null) {
                gunzip.feed(src);
            } else {
                decoder.feed(src);
            }
        }
        if (endOfStream) {
            if (gunzip != null) {
                gunzip.finish();
            }
            decoder.finish();
        }
    }

    @Override
    protected Void buildResult() {
        return null;
    }

    @Override
    public void releaseResources() {
        // Nothing held per exchange beyond what finish() frees.
    }

    private void touch() {
        long now = clock.nanos().getAsLong();
        if (firstByteAt < 0) {
            firstByteAt = now;
            silence.arm(Deadline.IDLE, timeouts.idle());
        }
        silence.activity(now);
    }

    private void finish(Throwable failure, Deadline timeout) {
        AttemptResult result;
        Future<?> running;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            cancelTimers();
            if (gunzip != null) {
                gunzip.end();
            }
            long now = clock.nanos().getAsLong();
            Long ttft = firstByteAt < 0 ? null : (firstByteAt - started) / 1_000_000;
            result = new AttemptResult(code, contentType, retryAfter, assembler.result(), failure,
                    timeout, ttft, (now - started) / 1_000_000, servedTier);
            running = exchange;
        }
        if (running != null && (failure != null || timeout != null)) {
            running.cancel(true);
        }
        done.accept(result);
    }

    private void cancelTimers() {
        silence.cancel();
        if (attemptTimer != null) {
            attemptTimer.cancel(false);
        }
    }

    /** The end of the exchange as HttpClient reports it. */
    private final class Callback implements FutureCallback<Void> {
        @Override
        public void completed(Void result) {
            finish(null, null);
        }

        @Override
        public void failed(Exception ex) {
            finish(ex, null);
        }

        @Override
        public void cancelled() {
            finish(new CancellationException("exchange cancelled"), null);
        }
    }
}
