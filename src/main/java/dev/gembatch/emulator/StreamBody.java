package dev.gembatch.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * A chunked response body fed from another thread: {@link #offer} queues bytes and wakes the
 * reactor, {@link #end} finishes the body, {@link #abort} makes the next write fail so the
 * connection (HTTP/1.1) or stream (h2) is dropped without a proper end.
 */
final class StreamBody implements AsyncEntityProducer {
    private final Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final String contentType;
    private final String contentEncoding;
    private volatile DataStreamChannel channel;
    private volatile boolean ended;
    private volatile boolean aborted;

    StreamBody(String contentType, String contentEncoding) {
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
    }

    void offer(byte[] bytes) {
        if (bytes.length > 0) {
            queue.add(ByteBuffer.wrap(bytes));
            wake();
        }
    }

    void end() {
        ended = true;
        wake();
    }

    void abort() {
        aborted = true;
        wake();
    }

    private void wake() {
        DataStreamChannel current = channel;
        if (current != null) {
            current.requestOutput();
        }
    }

    @Override
    public int available() {
        ByteBuffer head = queue.peek();
        if (head != null) {
            return Math.max(1, head.remaining());
        }
        return ended || aborted ? 1 : 0;
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
        channel = out;
        // Read before draining: offer() happens before end() or abort() on the feeding thread, so
        // once either is seen here every byte is already queued. Read after draining, a last
        // offer() could slip in between, and the body would end without it.
        boolean endSeen = ended;
        boolean abortSeen = aborted;
        ByteBuffer head;
        while ((head = queue.peek()) != null) {
            out.write(head);
            if (head.hasRemaining()) {
                return;
            }
            queue.poll();
        }
        if (abortSeen) {
            throw new IOException("gembatch emulator: connection cut mid-stream (scenario)");
        }
        if (endSeen) {
            out.endStream();
        }
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void failed(Exception cause) {
        queue.clear();
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return contentEncoding;
    }

    @Override
    public boolean isChunked() {
        return true;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public void releaseResources() {
        queue.clear();
    }
}
