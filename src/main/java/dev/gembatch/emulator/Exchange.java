package dev.gembatch.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One HTTP exchange: delegates to HttpCore's basic handler and runs a cleanup registered by the
 * request handler exactly once when HttpCore releases the exchange (finished, failed or the
 * connection closed), so timers are cancelled and open-answer counts drop even if no response
 * was ever submitted.
 */
final class Exchange implements AsyncServerExchangeHandler {
    static final String ATTRIBUTE = "gembatch.emulator.exchange";
    private final BasicServerExchangeHandler<?> delegate;
    private final AtomicReference<Runnable> cleanup = new AtomicReference<>();

    Exchange(BasicServerExchangeHandler<?> delegate) {
        this.delegate = delegate;
    }

    /** Sets the action run on release; a later call replaces an earlier one. */
    void onRelease(Runnable action) {
        cleanup.set(action);
    }

    @Override
    public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel,
                              HttpContext context) throws HttpException, IOException {
        context.setAttribute(ATTRIBUTE, this);
        delegate.handleRequest(request, entityDetails, responseChannel, context);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        delegate.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        delegate.consume(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        delegate.streamEnd(trailers);
    }

    @Override
    public int available() {
        return delegate.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        delegate.produce(channel);
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
        Runnable action = cleanup.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }
}
