package dev.gembatch.transport;

/**
 * A request the client gave up without an outcome, because the client was stopped (the executor
 * is shutting down) or closed: the row was not answered and must not be written as if it had
 * been. Never a row's failure; the caller hands the row to a later attempt.
 */
public final class ClientStoppedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** Why a row ends when its client is stopping (not closed). */
    static final String STOPPING = "the executor is shutting down: the request was not answered";

    ClientStoppedException(String why) {
        super(why);
    }
}
