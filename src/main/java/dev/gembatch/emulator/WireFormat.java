package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The three body layouts of docs/PROTOCOL.md section 2: SSE events, the streamed pretty JSON array
 * (no {@code alt}), and unary pretty JSON. Each knows its content type and how to frame chunks,
 * errors before the stream (plain object, or array-wrapped) and errors inside a 200 body.
 */
enum WireFormat {
    SSE("text/event-stream"),
    ARRAY("application/json; charset=UTF-8"),
    UNARY("application/json; charset=UTF-8");

    static final String SSE_MALFORMED = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"";
    static final String ARRAY_MALFORMED = "{\n  \"candidates\": [\n    {\n      \"content\": {\n        \"parts\": [";

    final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The text of chunk {@code index} of a stream. */
    String chunk(JsonNode event, int index) {
        if (this == SSE) {
            return "data: " + GoogleJson.compact(event) + "\r\n\r\n";
        }
        return (index == 0 ? "[" : "\n,\r\n") + GoogleJson.pretty(event);
    }

    /** What closes a complete stream: {@code \n]} for the array, nothing for SSE. */
    String close() {
        return this == ARRAY ? "\n]" : "";
    }

    /** An error object sent after HTTP 200, following {@code sent} chunks. */
    String errorInStream(JsonNode error, int sent) {
        if (this == SSE) {
            return "data: " + GoogleJson.compact(error) + "\r\n\r\n";
        }
        return chunk(error, sent) + close();
    }

    /** A chunk whose JSON breaks off, following {@code sent} chunks. */
    String malformed(int sent) {
        if (this == SSE) {
            return SSE_MALFORMED + "\r\n\r\n";
        }
        return (sent == 0 ? "[" : "\n,\r\n") + ARRAY_MALFORMED + close();
    }

    /** A whole error response body (non-2xx status). */
    String errorBody(JsonNode error) {
        if (this == ARRAY) {
            return "[" + GoogleJson.pretty(error) + "\n]";
        }
        return GoogleJson.pretty(error) + "\n";
    }

    /** A whole unary body. */
    static String unaryBody(JsonNode response) {
        return GoogleJson.pretty(response) + "\n";
    }
}
