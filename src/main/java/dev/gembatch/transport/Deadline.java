package dev.gembatch.transport;

import dev.gembatch.config.Timeouts;

/**
 * Which of the transport's deadlines ended an attempt (not HttpClient's own {@code Timeout}, a
 * duration), and how to say so in an error message.
 */
enum Deadline {
    FIRST_BYTE, IDLE, ATTEMPT, ROW;

    String describe(Timeouts t) {
        return switch (this) {
            case FIRST_BYTE -> "no response body within " + t.firstByte().toMillis()
                    + " ms of sending the request";
            case IDLE -> "the stream was silent for " + t.idle().toMillis() + " ms";
            case ATTEMPT -> "the attempt took longer than " + t.attempt().toMillis() + " ms";
            case ROW -> "the row's deadline of " + t.row().toMillis()
                    + " ms across attempts was reached";
        };
    }
}
