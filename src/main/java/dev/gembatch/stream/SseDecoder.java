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
 * A line that lies whole in one feed is read in place, and an event whose data is such a line is
 * parsed straight from the input ({@link EventData}); only lines cut by a feed are copied.
 */
final class SseDecoder implements BodyDecoder {

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LF = {'\n'};

    private final Delivery delivery;
    /** The start of a line that a feed cut; empty while lines lie whole in the input. */
    private final ByteBuf line = new ByteBuf();
    private final EventData data = new EventData();
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
        for (int i = lineEnd(bytes, start, end); i < end && !delivery.stopped(); i = lineEnd(bytes, start, end)) {
            lineEndsAt(bytes, start, i);
            if (bytes[i] == '\r' && i + 1 == end) {
                afterCr = true;
            } else if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                i++;
            }
            start = i + 1;
        }
        if (!delivery.stopped()) {
            line.append(bytes, start, end - start);
        }
        data.release();
    }

    @Override
    public void finish() {
        if (line.size() > 0 && !delivery.stopped()) {
            endOfLine(line.array(), 0, line.size(), false);
            line.clear();
        }
        if (bareObject != null) {
            delivery.malformed("body ended inside a JSON object within the event stream");
        }
        dispatch();
    }

    /** The index of the next CR or LF from {@code from}, or {@code end} if none: a tight scan. */
    private static int lineEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && bytes[i] != '\n' && bytes[i] != '\r') {
            i++;
        }
        return i;
    }

    /** A line ends at {@code to} in the input: read in place, or joined to its cut start. */
    private void lineEndsAt(byte[] bytes, int from, int to) {
        if (line.size() == 0) {
            endOfLine(bytes, from, to, true);
        } else {
            line.append(bytes, from, to - from);
            endOfLine(line.array(), 0, line.size(), false);
            line.clear();
        }
    }

    /** One line without its end; {@code inInput}: the bytes stay valid until this feed returns. */
    private void endOfLine(byte[] bytes, int from, int to, boolean inInput) {
        if (bareObject != null) {
            feedBareObject(bytes, from, to);
        } else if (from == to) {
            dispatch();
        } else if (bytes[from] == '{') {
            dispatch();
            bareObject = new JsonObjectStream(delivery::deliver);
            feedBareObject(bytes, from, to);
        } else if (bytes[from] != ':') {
            field(bytes, from, to, inInput);
        }
    }

    private void feedBareObject(byte[] bytes, int from, int to) {
        try {
            bareObject.feed(bytes, from, to - from);
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
    private void field(byte[] bytes, int from, int to, boolean inInput) {
        int colon = from;
        while (colon < to && bytes[colon] != ':') {
            colon++;
        }
        if (colon - from != DATA.length || !startsWithData(bytes, from)) {
            return;
        }
        int value = Math.min(colon + 1, to);
        if (value < to && bytes[value] == ' ') {
            value++;
        }
        data.add(bytes, value, to - value, inInput);
    }

    private static boolean startsWithData(byte[] bytes, int from) {
        for (int i = 0; i < DATA.length; i++) {
            if (bytes[from + i] != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses the pending event's data as one JSON object; an empty data field is skipped. */
    private void dispatch() {
        if (!data.present() || delivery.stopped()) {
            return;
        }
        events++;
        try {
            parse(data.array(), data.offset(), data.length());
        } catch (JsonProcessingException e) {
            delivery.malformed("SSE event " + events + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            delivery.malformed("SSE event " + events + " is unreadable: " + e.getMessage());
        }
        data.clear();
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
