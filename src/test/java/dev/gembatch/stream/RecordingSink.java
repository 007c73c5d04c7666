package dev.gembatch.stream;

import java.util.ArrayList;
import java.util.List;

/** Records what a decoder delivered, in order, for assertions. */
final class RecordingSink implements ChunkSink {

    final List<Object> events = new ArrayList<>();

    @Override
    public void onChunk(Chunk chunk) {
        events.add(chunk);
    }

    @Override
    public void onError(ApiError error) {
        events.add(error);
    }

    @Override
    public void onMalformed(String detail) {
        events.add("MALFORMED: " + detail);
    }

    List<Chunk> chunks() {
        return events.stream().filter(Chunk.class::isInstance).map(Chunk.class::cast).toList();
    }

    List<ApiError> errors() {
        return events.stream().filter(ApiError.class::isInstance).map(ApiError.class::cast).toList();
    }

    List<String> malformed() {
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The concatenated text of candidate 0 over all chunks. */
    String text() {
        StringBuilder text = new StringBuilder();
        chunks().forEach(c -> c.candidates().forEach(k -> text.append(k.text())));
        return text.toString();
    }
}
