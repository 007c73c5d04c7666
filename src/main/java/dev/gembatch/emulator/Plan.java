package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The chunks one request is answered with and how the stream ends. {@code promptTokens} and
 * {@code outputTokens} (candidates + thoughts) are what a complete answer bills.
 */
record Plan(List<ObjectNode> events, Ending ending, int promptTokens, int outputTokens) {

    /** How the body ends after the last planned event. */
    enum Ending {
        /** Body closed normally after the last event. */
        COMPLETE,
        /** The connection is dropped (no closing chunk / frame). */
        CUT,
        /** Nothing more is sent until the client or the emulator closes. */
        STALL,
        /** An {@code {"error": ...}} object follows the events on the 200 body, then the body ends. */
        ERROR_EVENT,
        /** A truncated JSON event follows, then the body ends. */
        MALFORMED
    }
}
