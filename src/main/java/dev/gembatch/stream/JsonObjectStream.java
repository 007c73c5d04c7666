package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;

/**
 * Incremental JSON reader on Jackson's non-blocking parser. Its root is either one object (a
 * bare error body, a proxy's unary answer, an object injected into SSE), delivered when its
 * closing brace arrives, or an array whose object elements are each delivered as soon as they
 * are complete. Anything after the root other than whitespace is an error. An object's tokens
 * are buffered until it closes, then replayed to the handler as a parser (no tree is built).
 */
final class JsonObjectStream {

    /** Receives each complete object as a parser positioned on its START_OBJECT. */
    interface ObjectHandler {
        void onObject(JsonParser object) throws IOException;
    }

    private final JsonParser parser;
    private final ObjectHandler out;
    private int depth;
    /** Depth at which delivered objects start: 0 for an object root, 1 for an array root. */
    private int objectDepth = -1;
    private TokenBuffer current;
    private boolean rootClosed;

    JsonObjectStream(ObjectHandler out) {
        try {
            this.parser = Json.FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
        this.out = out;
    }

    /** Parses these bytes, delivering every object they complete. */
    void feed(byte[] bytes, int offset, int length) throws IOException {
        ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (rootClosed) {
                throw new JsonParseException(parser, "unexpected content after the JSON body");
            }
            onToken(token);
        }
    }

    private void onToken(JsonToken token) throws IOException {
        if (objectDepth < 0) {
            objectDepth = rootDepth(token);
        }
        if (current == null && depth == objectDepth) {
            if (token == JsonToken.START_OBJECT) {
                current = new TokenBuffer(parser);
            } else if (token != JsonToken.END_ARRAY) {
                throw new JsonParseException(parser, "array element is not a JSON object");
            }
        }
        if (current != null) {
            current.copyCurrentEvent(parser);
        }
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        if (current != null && depth == objectDepth) {
            deliverCurrent();
        }
        rootClosed = depth == 0;
    }

    private int rootDepth(JsonToken first) throws JsonParseException {
        if (first == JsonToken.START_OBJECT) {
            return 0;
        }
        if (first == JsonToken.START_ARRAY) {
            return 1;
        }
        throw new JsonParseException(parser, "body is neither a JSON object nor an array");
    }

    private void deliverCurrent() throws IOException {
        TokenBuffer complete = current;
        current = null;
        try (JsonParser object = complete.asParser()) {
            object.nextToken();
            out.onObject(object);
        }
    }

    /** True once the root object or array has closed. */
    boolean rootClosed() {
        return rootClosed;
    }

    /** True while an object has started and not closed: input ending now cuts it. */
    boolean insideObject() {
        return current != null;
    }
}
