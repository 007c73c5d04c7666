package dev.gembatch.model;

import java.util.Optional;

/**
 * The vocabulary of the {@code error_status} column: gembatch's own statuses, for what the server
 * did not name (a row never sent, a deadline, a broken connection or body, an answer that is not
 * JSON of the schema), and Google's canonical error codes ({@code google.rpc.Code}) as they arrive
 * in an error body's {@code status}. The column holds the constant's {@link #name()}.
 *
 * <p>A server may send a status text that is not listed here (a newer code, a proxy's own):
 * {@link ErrorInfo#fromServer} keeps it verbatim, so nothing the server said is lost, and
 * {@link #of(String)} tells a listed text from such a one. docs/OUTPUT.md lists every constant
 * (ErrorStatusDocsTest checks it).
 */
public enum ErrorStatus {
    // gembatch's own
    TIMEOUT(Source.GEMBATCH, "a deadline passed (connect, first byte, idle stream, attempt, or"
            + " the row's gemini.timeouts.row)"),
    UNREACHABLE(Source.GEMBATCH, "no connection could be made (refused, unknown host, no route,"
            + " TLS handshake or certificate refused): nothing was exchanged"),
    CONNECTION_LOST(Source.GEMBATCH, "a connection was made, then reset or closed before the"
            + " answer was complete"),
    STREAM_INCOMPLETE(Source.GEMBATCH, "the stream ended without a finish reason"),
    MALFORMED_RESPONSE(Source.GEMBATCH, "the body could not be decoded (malformed stream,"
            + " bad gzip)"),
    UNEXPECTED_RESPONSE(Source.GEMBATCH, "a non-2xx HTTP status without a Gemini error object"
            + " (a proxy's page, say)"),
    INVALID_JSON(Source.GEMBATCH, "with a JSON response schema: the answer is not one JSON"
            + " value"),
    SCHEMA_MISMATCH(Source.GEMBATCH, "with a JSON response schema: the answer is JSON of"
            + " another shape"),
    INVALID_INPUT(Source.GEMBATCH, "never sent: the row's input cannot make a request (blank"
            + " prompt, malformed record, undecodable bytes, unusable media)"),
    UPSTREAM_NOT_OK(Source.GEMBATCH, "never sent: the prompt reads an earlier answer that is"
            + " not OK"),
    BUDGET_EXHAUSTED(Source.GEMBATCH, "never sent: a budget.* limit was reached before the"
            + " row's turn"),
    DEADLINE_REACHED(Source.GEMBATCH, "not answered: job.deadline neared while the row waited on"
            + " the Flex tier and model.flex-fallback = skip (a resume or retry-failed run sends"
            + " it)"),
    QUOTA_EXHAUSTED(Source.GEMBATCH, "the project's per-day quota was spent during the run (a 429"
            + " naming a PerDay quota, or limit: 0): SKIPPED when never sent, FAILED when an"
            + " earlier attempt was; --retry-failed sends it again"),

    // Google's canonical codes, in google.rpc.Code order
    CANCELLED(Source.GOOGLE, "499: the request was cancelled, typically by the caller"),
    UNKNOWN(Source.GOOGLE, "500: unknown server error; also an error body that names no status"),
    INVALID_ARGUMENT(Source.GOOGLE, "400: the request is invalid (a bad field or value, an"
            + " invalid API key)"),
    DEADLINE_EXCEEDED(Source.GOOGLE, "504: the server's deadline passed before it answered"),
    NOT_FOUND(Source.GOOGLE, "404: the model, file or method does not exist"),
    ALREADY_EXISTS(Source.GOOGLE, "409: what the request would create exists already"),
    PERMISSION_DENIED(Source.GOOGLE, "403: the key or project may not do this (API not"
            + " enabled, key restricted, unregistered caller)"),
    RESOURCE_EXHAUSTED(Source.GOOGLE, "429: a rate or quota limit (a per-day quota is not"
            + " retried)"),
    FAILED_PRECONDITION(Source.GOOGLE, "400: the project or region cannot do this now (billing,"
            + " free tier not available)"),
    ABORTED(Source.GOOGLE, "409: aborted by a concurrency conflict"),
    OUT_OF_RANGE(Source.GOOGLE, "400: a value is outside its valid range"),
    UNIMPLEMENTED(Source.GOOGLE, "501: not implemented (for this model or API version)"),
    INTERNAL(Source.GOOGLE, "500: internal server error"),
    UNAVAILABLE(Source.GOOGLE, "503: the model is overloaded or the service is down for now"),
    DATA_LOSS(Source.GOOGLE, "500: unrecoverable data loss or corruption"),
    UNAUTHENTICATED(Source.GOOGLE, "401: no valid credentials");

    /** Who names the status: gembatch itself, or Google's server in an error body. */
    public enum Source { GEMBATCH, GOOGLE }

    private final Source source;
    private final String meaning;

    ErrorStatus(Source source, String meaning) {
        this.source = source;
        this.meaning = meaning;
    }

    /** Who names this status. */
    public Source source() {
        return source;
    }

    /** One line saying what the status means. */
    public String meaning() {
        return meaning;
    }

    /** True when {@code text} (an error_status value, a server's status) is this status. */
    public boolean is(String text) {
        return name().equals(text);
    }

    /**
     * The listed status {@code text} names, or empty for null or a text not listed (a server's
     * status that is newer than this list: keep the text itself, see {@link ErrorInfo#status}).
     */
    public static Optional<ErrorStatus> of(String text) {
        for (ErrorStatus s : values()) {
            if (s.is(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
