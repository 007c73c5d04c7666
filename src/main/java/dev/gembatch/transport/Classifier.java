package dev.gembatch.transport;

import static dev.gembatch.model.ErrorStatus.CONNECTION_LOST;
import static dev.gembatch.model.ErrorStatus.MALFORMED_RESPONSE;
import static dev.gembatch.model.ErrorStatus.STREAM_INCOMPLETE;
import static dev.gembatch.model.ErrorStatus.TIMEOUT;
import static dev.gembatch.model.ErrorStatus.UNEXPECTED_RESPONSE;
import static dev.gembatch.model.ErrorStatus.UNREACHABLE;

import dev.gembatch.assembly.Assembled;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.config.Timeouts;
import dev.gembatch.credentials.CredentialsUnavailableException;
import dev.gembatch.model.ApiKey;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.stream.ApiError;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.zip.ZipException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns an attempt's result into a {@link Verdict}: Google's own status and ErrorInfo reason when
 * the body carried an error object (before or inside a 200 stream), otherwise TIMEOUT,
 * UNREACHABLE (no connection could be made), CONNECTION_LOST (one was made, then lost),
 * STREAM_INCOMPLETE, MALFORMED_RESPONSE or UNEXPECTED_RESPONSE; UNAUTHENTICATED (retryable) when
 * no Google access token could be had for it. Every message passes through
 * {@link ApiKey#redact}.
 */
final class Classifier {
    static final Set<Integer> RETRYABLE_CODES = Set.of(408, 429, 500, 502, 503, 504);

    private final ApiKey key;
    private final Clock clock;

    Classifier(ApiKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /**
     * The verdict of an attempt sent at {@code tier} under {@code limits}. A Flex attempt answered
     * 503, or 429 without a quota named (a named quota is a real limit of the project), was shed:
     * Flex capacity was short (flex-inference docs: "requests may be shed with 503 or 429").
     */
    Verdict classify(AttemptResult r, ServiceTier tier, Timeouts limits) {
        Verdict v = verdict(r, limits);
        Integer code = v.error() == null ? null : v.error().httpCode();
        boolean capacity = code != null && (code == 503 || code == 429 && !namesQuota(r));
        return tier == ServiceTier.FLEX && capacity && v.retryable() ? v.asShed() : v;
    }

    private static boolean namesQuota(AttemptResult r) {
        ApiError e = r.assembled() == null ? null : r.assembled().error();
        return e != null && e.quotaIds() != null && !e.quotaIds().isEmpty();
    }

    private Verdict verdict(AttemptResult r, Timeouts limits) {
        if (r.timeout() != null) {
            return fail(r.httpCode(), TIMEOUT, r.timeout().describe(limits), true, null);
        }
        if (r.failure() != null) {
            return transportFailure(r);
        }
        ApiError e = r.assembled().error();
        if (e != null) {
            return apiError(e, r);
        }
        int code = r.httpCode();
        if (code < 200 || code > 299) {
            return fail(code, UNEXPECTED_RESPONSE, "HTTP " + code + " without a Gemini error "
                    + "object (content type " + r.contentType() + ")",
                    RETRYABLE_CODES.contains(code), retryAfter(r.retryAfter()));
        }
        return streamOutcome(r.assembled(), code);
    }

    private Verdict streamOutcome(Assembled a, int code) {
        return switch (a.outcome()) {
            case COMPLETE, PROMPT_BLOCKED -> Verdict.ANSWERED;
            case MALFORMED -> fail(code, MALFORMED_RESPONSE, "malformed stream after "
                    + a.chunks() + " chunks: " + a.malformed(), true, null);
            default -> fail(code, STREAM_INCOMPLETE, "the stream ended without a finish "
                    + "reason after " + a.chunks() + " chunks", true, null);
        };
    }

    private Verdict apiError(ApiError e, AttemptResult r) {
        int code = e.code() > 0 ? e.code() : r.httpCode();
        String reason = e.reasons() == null || e.reasons().isEmpty() ? null : e.reasons().get(0);
        boolean daily = code == 429 && dailyQuota(e);
        boolean retryable = RETRYABLE_CODES.contains(code) && !daily;
        Duration hint = longer(e.retryDelay(), retryAfter(r.retryAfter()));
        ErrorInfo info = ErrorInfo.fromServer(code, e.status(), reason, key.redact(e.message()),
                retryable);
        return new Verdict(info, hint, code == 429 || code == 503, false, daily);
    }

    /** A per-day quota or a zero limit does not clear by retrying within the run. */
    private static boolean dailyQuota(ApiError e) {
        boolean perDay = e.quotaIds() != null && e.quotaIds().stream()
                .anyMatch(id -> id != null && id.contains("PerDay"));
        return perDay || (e.message() != null && e.message().contains("limit: 0"));
    }

    private Verdict transportFailure(AttemptResult r) {
        Throwable f = r.failure();
        if (f instanceof CredentialsUnavailableException) {
            return fail(null, ErrorStatus.UNAUTHENTICATED, f.getMessage(), true, null);
        }
        Throwable unreached = r.httpCode() == null ? noConnection(f) : null;
        if (unreached != null) {
            return fail(null, UNREACHABLE, describe(unreached), true, null);
        }
        String text = describe(f);
        if (f instanceof ZipException) {
            return fail(r.httpCode(), MALFORMED_RESPONSE, "bad gzip body: " + text, true, null);
        }
        if (f instanceof InterruptedIOException) {
            return fail(r.httpCode(), TIMEOUT, text, true, null);
        }
        return fail(r.httpCode(), CONNECTION_LOST, text, true, null);
    }

    private String describe(Throwable f) {
        return key.redact(f.getClass().getSimpleName()
                + (f.getMessage() == null ? "" : ": " + f.getMessage()));
    }

    /**
     * The failure (or one of its causes) saying that no connection was made, or null: refused,
     * unknown host, no route, or a TLS handshake / peer verification that failed. These happen
     * before anything is exchanged; a reset or an SSL error on an open connection does not.
     */
    private static Throwable noConnection(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 8; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException
                    || t instanceof SSLPeerUnverifiedException) {
                return t;
            }
        }
        return null;
    }

    private static Verdict fail(Integer code, ErrorStatus status, String message,
                                boolean retryable, Duration hint) {
        boolean overload = code != null && (code == 429 || code == 503);
        return new Verdict(ErrorInfo.of(code, status, message, retryable), hint, overload);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
