package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Hands decoded objects to the sink: an object with an {@code error} key is an error, any other
 * object a chunk (both read straight from the parser by {@link ChunkReader}). After the first
 * malformed report it is stopped and the decoder ignores all further input.
 */
final class Delivery {

    private final ChunkSink sink;
    private boolean stopped;

    Delivery(ChunkSink sink) {
        this.sink = sink;
    }

    /** Reads the object the parser is on (its START_OBJECT) and delivers it, unless stopped. */
    void deliver(JsonParser object) throws IOException {
        if (!stopped) {
            ChunkReader.read(object, sink);
        }
    }

    void malformed(String detail) {
        if (!stopped) {
            stopped = true;
            sink.onMalformed(detail);
        }
    }

    boolean stopped() {
        return stopped;
    }
}
