package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Google's {@code {"error": {code, message, status, details}}} bodies, as in the captures. */
final class ErrorBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String OVERLOADED = "The model is overloaded. Please try again later.";
    static final String INTERNAL = "An internal error has occurred. Please retry or report in "
            + "https://developers.generativeai.google/guide/troubleshooting";
    static final String QUOTA = "You exceeded your current quota, please check your plan and billing details. "
            + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";
    static final String HIGH_DEMAND = "This model is currently experiencing high demand. Spikes in demand"
            + " are usually temporary. Please try again later.";
    static final String EXHAUSTED = "Resource has been exhausted (e.g. check quota).";
    private static final String KEY_INVALID = "API key not valid. Please pass a valid API key.";
    private static final String UNREGISTERED = "Method doesn't allow unregistered callers (callers without "
            + "established identity). Please use API Key or other form of API consumer identity to call this API.";
    private static final String TYPE = "type.googleapis.com/google.rpc.";

    private ErrorBodies() {
    }

    static ObjectNode error(int code, String status, String message, ArrayNode details) {
        ObjectNode error = NODES.objectNode().put("code", code).put("message", message).put("status", status);
        if (details != null) {
            error.set("details", details);
        }
        ObjectNode body = NODES.objectNode();
        body.set("error", error);
        return body;
    }

    static ObjectNode missingKey() {
        return error(403, "PERMISSION_DENIED", UNREGISTERED, null);
    }

    /** 400 with ErrorInfo API_KEY_INVALID and a LocalizedMessage; the key itself is never echoed. */
    static ObjectNode invalidKey() {
        ArrayNode details = NODES.arrayNode();
        ObjectNode info = details.addObject().put("@type", TYPE + "ErrorInfo").put("reason", "API_KEY_INVALID");
        info.put("domain", "googleapis.com");
        info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
        details.addObject().put("@type", TYPE + "LocalizedMessage").put("locale", "en-US").put("message", KEY_INVALID);
        return error(400, "INVALID_ARGUMENT", KEY_INVALID, details);
    }

    static ObjectNode modelNotFound(String model) {
        String message = "models/" + model + " is not found for API version v1beta, or is not supported for "
                + "generateContent. Call ListModels to see the list of available models and their supported methods.";
        return error(404, "NOT_FOUND", message, null);
    }

    static ObjectNode notFound(String path) {
        return error(404, "NOT_FOUND", "Method not found: " + path, null);
    }

    static ObjectNode invalidArgument(String message) {
        return error(400, "INVALID_ARGUMENT", message, null);
    }

    static ObjectNode internal() {
        return error(500, "INTERNAL", INTERNAL, null);
    }

    static ObjectNode overloaded() {
        return error(503, "UNAVAILABLE", OVERLOADED, null);
    }

    /**
     * A shed Flex request: 503 UNAVAILABLE with the 2026 capacity wording, or 429
     * RESOURCE_EXHAUSTED with the bare gRPC wording and no details (the flex-inference page says
     * Flex requests may be shed with 503 or 429; no public capture shows a Flex-specific body, so
     * these are the two real capacity bodies of the captures, see docs/EMULATOR.md).
     */
    static ObjectNode shed(boolean as429) {
        return as429 ? error(429, "RESOURCE_EXHAUSTED", EXHAUSTED, null)
                : error(503, "UNAVAILABLE", HIGH_DEMAND, null);
    }

    /** 429 in the 2025 shape: QuotaFailure, Help, RetryInfo{retryDelay "Ns"}. */
    static ObjectNode quota(String model, boolean tokens, long limit, long retrySeconds) {
        return error(429, "RESOURCE_EXHAUSTED", QUOTA, quotaDetails(model, tokens
                ? "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count"
                : "generativelanguage.googleapis.com/generate_content_requests", tokens
                ? "GenerateContentPaidTierInputTokensPerModelPerMinute"
                : "GenerateRequestsPerMinutePerProjectPerModel", limit, retrySeconds));
    }

    /** The details of a quota 429: one QuotaFailure violation, Help, RetryInfo. */
    private static ArrayNode quotaDetails(String model, String metric, String quotaId, long limit,
                                          long retrySeconds) {
        ArrayNode details = NODES.arrayNode();
        ObjectNode violation = details.addObject().put("@type", TYPE + "QuotaFailure").putArray("violations").addObject();
        violation.put("quotaMetric", metric);
        violation.put("quotaId", quotaId);
        violation.putObject("quotaDimensions").put("location", "global").put("model", model);
        violation.put("quotaValue", String.valueOf(limit));
        ObjectNode help = details.addObject().put("@type", TYPE + "Help");
        help.putArray("links").addObject().put("description", "Learn more about Gemini API quotas")
                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        details.addObject().put("@type", TYPE + "RetryInfo").put("retryDelay", retrySeconds + "s");
        return details;
    }

    /**
     * Vertex AI's 429 when the shared (dynamic shared quota) capacity is used up: no details, no
     * RetryInfo, so the client backs off on its own schedule.
     */
    static ObjectNode sharedQuota() {
        return error(429, "RESOURCE_EXHAUSTED", "Resource exhausted. Please try again later. Please refer to"
                + " https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.", null);
    }

    /**
     * 429 for a spent requests-per-day quota, in the late-2025 shape: the message names the metric
     * and its limit; QuotaFailure (a {@code ...PerDay...} quota id), Help, RetryInfo.
     */
    static ObjectNode dailyQuota(String model, long limit, long retrySeconds) {
        ArrayNode details = quotaDetails(model,
                "generativelanguage.googleapis.com/generate_content_requests",
                "GenerateRequestsPerDayPerProjectPerModel", limit, retrySeconds);
        String message = QUOTA + "\n* Quota exceeded for metric: generativelanguage.googleapis.com/"
                + "generate_content_requests, limit: " + limit + ", model: " + model
                + "\nPlease retry in " + retrySeconds + "s.";
        return error(429, "RESOURCE_EXHAUSTED", message, details);
    }

    /** Scenario failures: 429 (retry after 1s), 500 or 503. */
    static ObjectNode forStatus(int status, String model) {
        switch (status) {
            case 429: return quota(model, false, 1, 1);
            case 500: return internal();
            default: return overloaded();
        }
    }

    /** Google front end's HTML 502 page. */
    static String html502() {
        return "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
                + "  <meta name=viewport content=\"initial-scale=1, minimum-scale=1, width=device-width\">\n"
                + "  <title>Error 502 (Server Error)!!1</title>\n"
                + "  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n"
                + "  <p><b>502.</b> <ins>That’s an error.</ins>\n"
                + "  <p>The server encountered a temporary error and could not complete your request."
                + "<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n";
    }
}
