package dev.gembatch.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events ({@code ?alt=sse}). A state machine over bytes: lines end with LF, CR or
 * CRLF (a CR at the end of one feed swallows an LF starting the next); {@code data:} fields
 * (one optional space stripped) join with LF into the event, a blank line dispatches it, a final
 * event without a blank line is dispatched at finish(). Comment lines and other fields are
 * ignored. A line starting with {@code {} begins a bare JSON object (Google's way of injecting an
 * error), collected by {@link JsonObjectStream} until it closes. No line or event size cap;
 * bytes are decoded as UTF-8 only once an event is complete, so split characters are safe.
 */
final class SseDecoder implements BodyDecoder {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LF = {'\n'};

    private final Delivery delivery;
    private final ByteBuf line = new ByteBuf();
    private final ByteBuf data = new ByteBuf();
    private boolean eventHasData;
    private boolean afterCr;
    private JsonObjectStream bareObject;
    private int events;

    SseDecoder(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        int end = offset + length;
        int start = offset;
        if (afterCr && start < end && bytes[start] == '\n') {
            start++;
        }
        afterCr = false;
        for (int i = start; i < end && !delivery.stopped(); i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                line.append(bytes, start, i - start);
                endOfLine();
                if (b == '\r' && i + 1 == end) {
                    afterCr = true;
                } else if (b == '\r' && bytes[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (!delivery.stopped()) {
            line.append(bytes, start, end - start);
        }
    }

    @Override
    public void finish() {
        if (line.size() > 0 && !delivery.stopped()) {
            endOfLine();
        }
        if (bareObject != null) {
            delivery.malformed("body ended inside a JSON object within the event stream");
        }
        dispatch();
    }

    private void endOfLine() {
        if (bareObject != null) {
            feedBareObject();
        } else if (line.size() == 0) {
            dispatch();
        } else if (line.array()[0] == '{') {
            dispatch();
            bareObject = new JsonObjectStream(delivery::deliver);
            feedBareObject();
        } else if (line.array()[0] != ':') {
            field();
        }
        line.clear();
    }

    private void feedBareObject() {
        try {
            bareObject.feed(line.array(), 0, line.size());
            bareObject.feed(LF, 0, 1);
        } catch (JsonProcessingException e) {
            delivery.malformed("invalid JSON object in the event stream: " + e.getOriginalMessage());
        } catch (IOException e) {
            delivery.malformed("unreadable JSON object in the event stream: " + e.getMessage());
        }
        if (bareObject.rootClosed()) {
            bareObject = null;
        }
    }

    /** A {@code name: value} line; only {@code data} matters (event, id, retry are ignored). */
    private void field() {
        byte[] bytes = line.array();
        int colon = 0;
        while (colon < line.size() && bytes[colon] != ':') {
            colon++;
        }
        if (colon != DATA.length || !startsWithData(bytes)) {
            return;
        }
        int value = Math.min(colon + 1, line.size());
        if (value < line.size() && bytes[value] == ' ') {
            value++;
        }
        if (eventHasData) {
            data.append((byte) '\n');
        }
        data.append(bytes, value, line.size() - value);
        eventHasData = true;
    }

    private static boolean startsWithData(byte[] bytes) {
        for (int i = 0; i < DATA.length; i++) {
            if (bytes[i] != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses the pending event's data as one JSON object; an empty data field is skipped. */
    private void dispatch() {
        if (!eventHasData || delivery.stopped()) {
            return;
        }
        events++;
        try {
            parse(data.array(), 0, data.size());
        } catch (JsonProcessingException e) {
            delivery.malformed("SSE event " + events + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            delivery.malformed("SSE event " + events + " is unreadable: " + e.getMessage());
        }
        data.clear();
        eventHasData = false;
    }

    /**
     * Reads the event's first JSON value straight from the bytes (anything after it is ignored,
     * as a tree read ignores it); a value that is not an object is read to its end first, so
     * invalid JSON is reported as such.
     */
    private void parse(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                delivery.deliver(p);
            } else if (first != null) {
                p.skipChildren();
                delivery.malformed("SSE event " + events + " is not a JSON object");
            }
        }
    }
}
