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
 * Decides every response, in Google's order of checks: route (the token endpoint answers at
 * once), credential (API key missing 403, wrong 400; Vertex token missing, unknown or expired 401),
 * model (404), body (400), then for generation requests the attempt count, scenario or chaos,
 * quota (429), a shed Flex request (503 or 429), scripted failures, the concurrent-answer cap
 * (503) and finally the answer, served at the tier {@link TierDesk} decides, its repeated system
 * instruction an {@link ImplicitCache} hit or miss.
 */
final class RequestHandler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private final EmulatorOptions options;
    private final StatsRecorder stats;
    private final QuotaWindow quota;
    private final Chaos chaos;
    private final TierDesk tiers;
    private final ImplicitCache cache = new ImplicitCache();
    private final CachedContents caches;
    private final AnswerSender sender;
    private final TokenIssuer tokens;

    RequestHandler(EmulatorOptions options, StatsRecorder stats, ScheduledExecutorService scheduler) {
        this.options = options;
        this.stats = stats;
        this.tokens = new TokenIssuer(options, stats, System::nanoTime);
        this.quota = new QuotaWindow(options.requestsPerMinute(), options.tokensPerMinute(),
                options.requestsPerDay(), System::nanoTime);
        this.chaos = new Chaos(options.chaosFraction(), options.chaosSeed());
        this.tiers = new TierDesk(options.flexShedRate(), options.priorityDowngradeRate(), options.chaosSeed());
        this.sender = new AnswerSender(options, stats, scheduler);
        this.caches = new CachedContents(options.cacheExpireAfterUses(), System::currentTimeMillis);
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
        stats.protocol(String.valueOf(context.getProtocolVersion()));
        byte[] raw = message.getBody() == null ? new byte[0] : message.getBody();
        if (route.kind() == Route.Kind.TOKEN) {
            TokenIssuer.Answer answer = tokens.exchange(raw);
            out.whole(answer.status(), JSON_TYPE, answer.body().toString());
            return;
        }
        JsonNode refusal = refusal(route, header(request, "x-goog-api-key"), header(request, "Authorization"));
        if (route.kind() == Route.Kind.CACHES) {
            CachedContents.Reply reply = refusal != null ? new CachedContents.Reply(
                    refusal.path("error").path("code").asInt(), refusal) : cacheCall(request.getMethod(), route, raw);
            stats.status(reply.status());
            stats.scenario("cachedContents:" + request.getMethod() + (reply.status() == 200 ? "" : ":" + reply.status()));
            out.whole(reply.status(), JSON_TYPE, reply.body().toString());
            return;
        }
        JsonNode tree = refusal == null ? parse(raw) : null;
        String problem = refusal != null ? null
                : tree == null ? "Invalid JSON payload received. Unexpected token." : bodyProblem(route, tree);
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

    /**
     * The error for a bad route, credential or model, or null when the request may proceed. A
     * Vertex call with an Authorization header (or no credential at all) needs a live token the
     * emulator issued; one with an API key is express mode.
     */
    private JsonNode refusal(Route route, String headerKey, String authorization) {
        if (route.kind() == Route.Kind.UNKNOWN) {
            return ErrorBodies.notFound("the emulator serves /v1beta/models/{model}:streamGenerateContent, "
                    + ":generateContent, :countTokens, Vertex AI's /v1/projects/{p}/locations/{l}/publishers"
                    + "/google/models/{model}:..., POST /token and GET /__stats");
        }
        String key = headerKey != null ? headerKey : route.queryKey();
        if (route.vertex() && (authorization != null || key == null)) {
            JsonNode unauthenticated = tokens.refusal(authorization);
            return unauthenticated != null || route.kind() == Route.Kind.CACHES ? unauthenticated
                    : ModelCatalog.serves(route.model(), options.extraModels()) ? null
                    : ErrorBodies.modelNotFound(route.model());
        }
        if (key == null || key.isEmpty()) {
            return ErrorBodies.missingKey();
        }
        if (!key.equals(options.apiKey())) {
            return ErrorBodies.invalidKey();
        }
        return route.kind() == Route.Kind.CACHES ? null : ModelCatalog.serves(route.model(), options.extraModels()) ? null
                : ErrorBodies.modelNotFound(route.model());
    }

    /**
     * Google's 400 message for a body, or null: {@code labels} is a Vertex field that the
     * Gemini API refuses; a Vertex request carrying it is counted.
     */
    private String bodyProblem(Route route, JsonNode tree) {
        if (tree.has("labels")) {
            if (!route.vertex()) {
                return "Invalid JSON payload received. Unknown name \"labels\": Cannot find field.";
            }
            if (route.kind() != Route.Kind.COUNT_TOKENS) {
                stats.labeled();
            }
        }
        return ParsedRequest.problem(tree);
    }

    /** A call on the cachedContents collection ({@code route.model()} is its path) or one cache. */
    private CachedContents.Reply cacheCall(String method, Route route, byte[] raw) {
        String path = route.model();
        boolean collection = path.endsWith("cachedContents");
        String prefix = path.substring(0, path.indexOf("cachedContents"));
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : parse(raw);
        if (body == null) {
            return new CachedContents.Reply(400, ErrorBodies.invalidArgument(
                    "Invalid JSON payload received. Unexpected token."));
        }
        return switch (method + (collection ? " collection" : " one")) {
            case "POST collection" -> caches.create(prefix, body);
            case "GET collection" -> caches.list(prefix);
            case "GET one" -> caches.get(path);
            case "PATCH one" -> caches.patch(path, body);
            case "DELETE one" -> caches.delete(path);
            default -> new CachedContents.Reply(404, ErrorBodies.notFound(method + " /" + path));
        };
    }

    private void generate(Route route, ParsedRequest request, Responder out, Exchange exchange) {
        CachedContents.Use named = request.cachedContent() == null ? null : caches.use(request.cachedContent());
        if (request.cachedContent() != null && named == null) {
            stats.scenario("cachedContents:missing");
            reject(out, route.format(), CachedContents.missing().body());
            return;
        }
        ParsedRequest parsed = named == null ? request : request.withCache(named);
        int attempt = stats.nextAttempt(parsed.key());
        Scenario scenario = Scenario.fromPrompt(parsed.promptText());
        Scenario hit = chaos.draw(parsed.key(), attempt);
        stats.scenario(hit == null ? scenario.label() : chaosLabel(hit));
        scenario = hit == null ? scenario.at(attempt) : hit;
        QuotaWindow.Denial denial = quota.admit(Math.max(1, EmulatorAnswers.tokens(parsed.promptText())));
        JsonNode shed = denial == null ? tiers.shed(parsed, attempt) : null;
        if (denial != null) {
            reject(out, route.format(), denial.perDay()
                    ? ErrorBodies.dailyQuota(parsed.model(), denial.limit(), denial.retrySeconds())
                    : route.vertex() ? ErrorBodies.sharedQuota()
                    : ErrorBodies.quota(parsed.model(), denial.tokens(), denial.limit(), denial.retrySeconds()));
        } else if (shed != null) {
            reject(out, route.format(), shed);
        } else if (scenario.kind() == Scenario.Kind.FAIL && attempt <= scenario.failAttempts()) {
            reject(out, route.format(), route.vertex() && scenario.failStatus() == 429 ? ErrorBodies.sharedQuota()
                    : ErrorBodies.forStatus(scenario.failStatus(), parsed.model()));
        } else if (scenario.kind() == Scenario.Kind.HTML_502) {
            stats.status(502);
            out.whole(502, "text/html; charset=UTF-8", ErrorBodies.html502());
        } else if (!stats.tryOpen(options.maxConcurrentStreams())) {
            reject(out, route.format(), ErrorBodies.overloaded());
        } else {
            stats.status(200);
            String served = tiers.served(parsed, attempt);
            sender.send(route, parsed.served(served, named != null ? named.tokens() : cache.hit(parsed)), scenario,
                    responseId(parsed, attempt), out.servedAt(served), exchange);
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
