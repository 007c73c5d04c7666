package dev.gembatch.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hands decoded objects to the sink: an object with an {@code error} key is an error, any other
 * object a chunk, anything else malformed. After the first malformed report it is stopped and
 * the decoder ignores all further input.
 */
final class Delivery {

    private final ChunkSink sink;
    private boolean stopped;

    Delivery(ChunkSink sink) {
        this.sink = sink;
    }

    void deliver(JsonNode node, String where) {
        if (stopped) {
            return;
        }
        if (!node.isObject()) {
            malformed(where + " is not a JSON object");
        } else if (node.has("error")) {
            sink.onError(ApiErrorReader.read(node));
        } else {
            sink.onChunk(ChunkReader.read(node));
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
