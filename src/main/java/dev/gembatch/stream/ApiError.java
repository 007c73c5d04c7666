package dev.gembatch.stream;

import java.time.Duration;
import java.util.List;

/**
 * A Google error: code (0 if absent), status (e.g. RESOURCE_EXHAUSTED, may be null), message,
 * ErrorInfo reasons, QuotaFailure quotaIds (both empty when absent), RetryInfo.retryDelay parsed
 * from a protobuf Duration string ("26s", "1.5s", "0.250s"; null if absent).
 */
public record ApiError(int code, String status, String message, List<String> reasons,
                       List<String> quotaIds, Duration retryDelay) {

    public ApiError {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        quotaIds = quotaIds == null ? List.of() : List.copyOf(quotaIds);
    }
}
