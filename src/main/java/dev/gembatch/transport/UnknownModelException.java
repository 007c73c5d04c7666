package dev.gembatch.transport;

import java.io.IOException;

/** The endpoint answered 404 NOT_FOUND for the model: it serves no model of that name. */
public final class UnknownModelException extends IOException {
    private static final long serialVersionUID = 1L;

    UnknownModelException(String message) {
        super(message);
    }
}
