package dev.gembatch.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Wraps a request body producer and runs {@code onSent} once its last byte has been handed to
 * the connection: the moment the first-byte deadline starts.
 */
final class SentSignal implements AsyncEntityProducer {
    private final AsyncEntityProducer body;
    private final Runnable onSent;

    SentSignal(AsyncEntityProducer body, Runnable onSent) {
        this.body = body;
        this.onSent = onSent;
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        body.produce(new Channel(channel));
    }

    @Override
    public int available() {
        return body.available();
    }

    @Override
    public boolean isRepeatable() {
        return body.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        body.failed(cause);
    }

    @Override
    public long getContentLength() {
        return body.getContentLength();
    }

    @Override
    public String getContentType() {
        return body.getContentType();
    }

    @Override
    public String getContentEncoding() {
        return body.getContentEncoding();
    }

    @Override
    public boolean isChunked() {
        return body.isChunked();
    }

    @Override
    public Set<String> getTrailerNames() {
        return body.getTrailerNames();
    }

    @Override
    public void releaseResources() {
        body.releaseResources();
    }

    private final class Channel implements DataStreamChannel {
        private final DataStreamChannel channel;

        Channel(DataStreamChannel channel) {
            this.channel = channel;
        }

        @Override
        public void requestOutput() {
            channel.requestOutput();
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public void endStream() throws IOException {
            channel.endStream();
            onSent.run();
        }

        @Override
        public void endStream(List<? extends Header> trailers) throws IOException {
            channel.endStream(trailers);
            onSent.run();
        }
    }
}
