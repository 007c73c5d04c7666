package dev.gembatch.stream;

/** Receives, in order, what a decoder finds in one response body. */
public interface ChunkSink {

    /** One {@code GenerateContentResponse} chunk. */
    void onChunk(Chunk chunk);

    /**
     * A Google error object {@code {"error":{...}}}: a whole body, an SSE event, an array element,
     * or a bare pretty-printed object injected into an SSE stream. Decoding continues after it.
     */
    void onError(ApiError error);

    /**
     * Bytes that are not the protocol (an HTML page, broken JSON, a body cut mid-JSON at finish()).
     * The decoder ignores all further input after reporting this once.
     */
    void onMalformed(String detail);
}
