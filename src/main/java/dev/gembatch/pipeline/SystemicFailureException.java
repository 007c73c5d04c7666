package dev.gembatch.pipeline;

/**
 * Thrown by a task when the failure budget is exceeded: every call fails the same way (bad key,
 * unknown model), so the job is aborted. The message is the server's (key redacted).
 */
public final class SystemicFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Marker the driver looks for in Spark's wrapped task failure. */
    public static final String MARKER = "gembatch aborted the run: ";

    public SystemicFailureException(String detail) {
        super(MARKER + detail);
    }
}
