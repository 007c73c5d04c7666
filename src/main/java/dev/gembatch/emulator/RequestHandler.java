package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Decides every response, in Google's order of checks: route, API key (missing 403, wrong 400),
 * model (404), body (400), then for generation requests the attempt count, scenario or chaos,
 * quota (429), scripted failures, the concurrent-answer cap (503) and finally the answer.
 */
final class RequestHandler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private final EmulatorOptions options;
    private final StatsRecorder stats;
    private final QuotaWindow quota;
    private final Chaos chaos;
    private final AnswerSender sender;

    RequestHandler(EmulatorOptions options, StatsRecorder stats, ScheduledExecutorService scheduler) {
        this.options = options;
        this.stats = stats;
        this.quota = new QuotaWindow(options.requestsPerMinute(), options.tokensPerMinute(),
                options.requestsPerDay(), System::nanoTime);
        this.chaos = new Chaos(options.chaosFraction(), options.chaosSeed());
        this.sender = new AnswerSender(options, stats, scheduler);
    }

    @Override
    public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(HttpRequest request, EntityDetails details,
                                                                     HttpContext context) {
        return new BasicRequestConsumer<>(BasicAsyncEntityConsumer::new);
    }

    @Override
    public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context) {
        HttpRequest request = message.getHead();
        Route route = Route.parse(request.getMethod(), request.getPath());
        Responder out = new Responder(trigger, context, acceptsGzip(request));
        if (route.kind() == Route.Kind.STATS) {
            out.whole(200, JSON_TYPE, stats.snapshot().toJson());
            return;
        }
        JsonNode refusal = refusal(route, header(request, "x-goog-api-key"));
        byte[] raw = message.getBody() == null ? new byte[0] : message.getBody();
        JsonNode tree = refusal == null ? parse(raw) : null;
        String problem = refusal != null ? null
                : tree == null ? "Invalid JSON payload received. Unexpected token." : ParsedRequest.problem(tree);
        refusal = problem == null ? refusal : ErrorBodies.invalidArgument(problem);
        ParsedRequest parsed = refusal == null ? ParsedRequest.from(route.model(), tree, raw) : null;
        if (refusal != null) {
            reject(out, route.format(), refusal);
        } else if (route.kind() == Route.Kind.COUNT_TOKENS) {
            stats.status(200);
            out.whole(200, JSON_TYPE, WireFormat.unaryBody(countTokens(parsed)));
        } else {
            generate(route, parsed, out, (Exchange) context.getAttribute(Exchange.ATTRIBUTE));
        }
    }

    /** The error for a bad route, key or model, or null when the request may proceed. */
    private JsonNode refusal(Route route, String headerKey) {
        if (route.kind() == Route.Kind.UNKNOWN) {
            return ErrorBodies.notFound("the emulator serves /v1beta/models/{model}:streamGenerateContent, "
                    + ":generateContent, :countTokens and GET /__stats");
        }
        String key = headerKey != null ? headerKey : route.queryKey();
        if (key == null || key.isEmpty()) {
            return ErrorBodies.missingKey();
        }
        if (!key.equals(options.apiKey())) {
            return ErrorBodies.invalidKey();
        }
        return ModelCatalog.serves(route.model(), options.extraModels()) ? null
                : ErrorBodies.modelNotFound(route.model());
    }

    private void generate(Route route, ParsedRequest parsed, Responder out, Exchange exchange) {
        int attempt = stats.nextAttempt(parsed.key());
        Scenario scenario = Scenario.fromPrompt(parsed.promptText());
        Scenario hit = chaos.draw(parsed.key(), attempt);
        stats.scenario(hit == null ? scenario.label() : chaosLabel(hit));
        scenario = hit == null ? scenario.at(attempt) : hit;
        QuotaWindow.Denial denial = quota.admit(Math.max(1, EmulatorAnswers.tokens(parsed.promptText())));
        if (denial != null) {
            reject(out, route.format(), denial.perDay()
                    ? ErrorBodies.dailyQuota(parsed.model(), denial.limit(), denial.retrySeconds())
                    : ErrorBodies.quota(parsed.model(), denial.tokens(), denial.limit(), denial.retrySeconds()));
        } else if (scenario.kind() == Scenario.Kind.FAIL && attempt <= scenario.failAttempts()) {
            reject(out, route.format(), ErrorBodies.forStatus(scenario.failStatus(), parsed.model()));
        } else if (scenario.kind() == Scenario.Kind.HTML_502) {
            stats.status(502);
            out.whole(502, "text/html; charset=UTF-8", ErrorBodies.html502());
        } else if (!stats.tryOpen(options.maxConcurrentStreams())) {
            reject(out, route.format(), ErrorBodies.overloaded());
        } else {
            stats.status(200);
            sender.send(route, parsed, scenario, responseId(parsed, attempt), out, exchange);
        }
    }

    private void reject(Responder out, WireFormat format, JsonNode error) {
        stats.status(error.path("error").path("code").asInt());
        out.error(format, error);
    }

    private static String chaosLabel(Scenario hit) {
        return "chaos:" + (hit.kind() == Scenario.Kind.FAIL ? "http-" + hit.failStatus() : hit.label());
    }

    private static JsonNode countTokens(ParsedRequest parsed) {
        int tokens = Math.max(1, EmulatorAnswers.tokens(parsed.promptText()));
        var body = JSON.createObjectNode().put("totalTokens", tokens);
        body.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens);
        return body;
    }

    /** 23 URL-safe characters like Google's, different for every attempt of a request. */
    private static String responseId(ParsedRequest parsed, int attempt) {
        byte[] digest = EmulatorAnswers.digest("response-id", parsed.model(), parsed.key() + ":" + attempt, 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 23);
    }

    private static JsonNode parse(byte[] raw) {
        try {
            JsonNode tree = JSON.readTree(raw);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(HttpRequest request, String name) {
        Header header = request.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static boolean acceptsGzip(HttpRequest request) {
        String accept = header(request, "Accept-Encoding");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }
}
