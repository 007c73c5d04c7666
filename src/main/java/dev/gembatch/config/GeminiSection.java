package dev.gembatch.config;

import com.typesafe.config.ConfigValueType;
import dev.gembatch.model.ApiKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads and checks the gemini section: endpoint, key, limiter, timeouts, retry, emulator knobs. */
final class GeminiSection {
    static final String EMULATOR = "emulator";
    private static final String GEMINI_API_URL = "https://generativelanguage.googleapis.com";
    private static final String API_KEY = "gemini.api-key";
    private static final Duration ZERO = Duration.ZERO;

    private GeminiSection() {
    }

    static boolean useEmulator(Reader r) {
        return !r.isNull("gemini.base-url")
                && EMULATOR.equals(r.config().getValue("gemini.base-url").unwrapped());
    }

    static GeminiSettings gemini(Reader r, String userAgent) {
        boolean insecure = IoSections.flag(r.bool("gemini.allow-insecure-http"));
        GeminiSettings.Api api = VertexSection.api(r);
        VertexSettings vertex = VertexSection.vertex(r, api);
        String base = baseUrl(r, insecure);
        Timeouts timeouts = timeouts(r);
        return new GeminiSettings(base != null ? base : publicBaseUrl(api, vertex),
                apiKey(r, keyNeeded(api, vertex)),
                r.enumValue("gemini.auth", GeminiSettings.AuthMode.class),
                r.enumValue("gemini.wire-format", GeminiSettings.WireFormat.class),
                r.enumValue("gemini.http-version", GeminiSettings.HttpVersion.class),
                limiter(r), timeouts, retry(r), insecure, userAgent, quota(r), api, vertex,
                flex(r, timeouts));
    }

    private static String publicBaseUrl(GeminiSettings.Api api, VertexSettings vertex) {
        return api == GeminiSettings.Api.VERTEX ? vertex.publicBaseUrl() : GEMINI_API_URL;
    }

    private static boolean keyNeeded(GeminiSettings.Api api, VertexSettings vertex) {
        return api == GeminiSettings.Api.GEMINI_API || !vertex.usesTokens();
    }

    /** Flex's own first-byte, idle, attempt and row timeouts over the standard ones. */
    private static FlexSettings flex(Reader r, Timeouts base) {
        String f = "gemini.flex-timeouts.";
        Duration attempt = r.durationAtLeast(f + "attempt", ZERO, false);
        Duration row = r.durationAtLeast(f + "row", ZERO, false);
        if (attempt != null && row != null && row.compareTo(attempt) < 0) {
            r.problems().bad(r.config(), f + "row",
                    "must be >= " + f + "attempt (" + Reader.human(attempt) + ")");
        }
        Timeouts flex = base.toBuilder().firstByte(r.durationAtLeast(f + "first-byte", ZERO, false))
                .idle(r.durationAtLeast(f + "idle", ZERO, false)).attempt(attempt).row(row)
                .build();
        return new FlexSettings(flex, deadlineAfter(r), deadlineAt(r), null);
    }

    /** job.deadline written as a duration (6h), else null. */
    private static Duration deadlineAfter(Reader r) {
        if (r.isNull("job.deadline") || looksLikeTime(r)) {
            return null;
        }
        return r.durationAtLeast("job.deadline", ZERO, false);
    }

    /** job.deadline written as a time of day (06:30 or 06:30:00), else null. */
    private static LocalTime deadlineAt(Reader r) {
        if (r.isNull("job.deadline") || !looksLikeTime(r)) {
            return null;
        }
        try {
            return LocalTime.parse(r.string("job.deadline").strip());
        } catch (DateTimeParseException e) {
            r.problems().bad(r.config(), "job.deadline", "must be a duration from the start"
                    + " (6h, 90m) or a time of day (06:30)");
            return null;
        }
    }

    private static boolean looksLikeTime(Reader r) {
        String text = r.string("job.deadline");
        return text != null && text.contains(":");
    }

    private static QuotaSettings quota(Reader r) {
        String q = "gemini.quota.";
        Integer rpm = r.intIn(q + "requests-per-minute", 0, Integer.MAX_VALUE);
        Integer tpm = r.intIn(q + "tokens-per-minute", 0, Integer.MAX_VALUE);
        Integer executors = r.intIn(q + "executors", 0, Integer.MAX_VALUE);
        Duration burst = r.durationAtLeast(q + "burst", ZERO, true);
        return new QuotaSettings(orZero(rpm), orZero(tpm), orZero(executors),
                burst == null ? ZERO : burst, false);
    }

    /** The configured key, or an empty one; never echoed in a problem. */
    static ApiKey apiKey(Reader r, boolean needed) {
        if (!r.isNull(API_KEY) && r.value(API_KEY).valueType() != ConfigValueType.STRING) {
            r.problems().badSecret(r.config(), API_KEY, "must be a string, not "
                    + article(r.value(API_KEY).valueType()) + ": set the GEMINI_API_KEY"
                    + " environment variable, or write the key in quotes");
            return ApiKey.of("");
        }
        ApiKey key = configuredKey(r);
        if (!r.isNull(KeyFile.PATH)) {
            if (!key.isEmpty()) {
                r.problems().badSecret(r.config(), KeyFile.PATH, "set either it or gemini.api-key"
                        + " (GEMINI_API_KEY), not both");
            }
            return KeyFile.read(r);
        }
        if (key.isEmpty() && needed && !useEmulator(r)) {
            r.problems().badSecret(r.config(), API_KEY, "required unless gemini.base-url = emulator"
                    + " or gemini.endpoint = vertex signs in with Google credentials: set the"
                    + " GEMINI_API_KEY environment variable (or gemini.api-key, or"
                    + " gemini.api-key-file)");
        }
        return key;
    }

    /** The configured key, or an empty one, without checking it (used to redact problems). */
    static ApiKey configuredKey(Reader r) {
        return ApiKey.of(r.isNull(API_KEY) ? "" : String.valueOf(r.value(API_KEY).unwrapped()));
    }

    private static String article(ConfigValueType type) {
        return switch (type) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The configured base URL, or null when unset (the endpoint's public host). */
    private static String baseUrl(Reader r, boolean insecure) {
        String url = r.optionalString("gemini.base-url");
        if (url == null || url.equals(EMULATOR)) {
            return url;
        }
        String rule = urlProblem(url.strip(), insecure);
        if (rule != null) {
            r.problems().bad(r.config(), "gemini.base-url", rule);
        }
        return url.strip().replaceAll("/+$", "");
    }

    private static String urlProblem(String url, boolean insecure) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an http(s) URL or \"emulator\" (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "must be an http(s) URL with a host, e.g. https://generativelanguage.googleapis.com,"
                    + " or \"emulator\"";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
            return "must not carry user info, a query or a fragment";
        }
        if (scheme.equals("http") && !insecure && !Loopback.isLoopback(uri.getHost())) {
            return "plain http:// to a non-loopback host would send the API key in clear text;"
                    + " use https:// or set gemini.allow-insecure-http = true";
        }
        return null;
    }

    private static LimiterSettings limiter(Reader r) {
        Integer max = r.intIn("gemini.concurrency", 1, Integer.MAX_VALUE);
        Integer min = r.intIn("gemini.min-concurrency", 1, Integer.MAX_VALUE);
        boolean adaptive = IoSections.flag(r.bool("gemini.adaptive-concurrency"));
        if (max != null && min != null && min > max) {
            r.problems().bad(r.config(), "gemini.min-concurrency",
                    "must be <= gemini.concurrency (" + max + ")");
        }
        int top = max == null ? 1 : max;
        return adaptive ? new LimiterSettings(true, top, min == null ? 1 : Math.min(min, top), top)
                : LimiterSettings.fixed(top);
    }

    private static Timeouts timeouts(Reader r) {
        String t = "gemini.timeouts.";
        Duration attempt = r.durationAtLeast(t + "attempt", ZERO, false);
        Duration row = r.durationAtLeast(t + "row", ZERO, false);
        if (attempt != null && row != null && row.compareTo(attempt) < 0) {
            r.problems().bad(r.config(), t + "row",
                    "must be >= " + t + "attempt (" + Reader.human(attempt) + ")");
        }
        return new Timeouts(r.durationAtLeast(t + "connect", ZERO, false),
                r.durationAtLeast(t + "first-byte", ZERO, false),
                r.durationAtLeast(t + "idle", ZERO, false), attempt, row,
                r.durationAtLeast(t + "shutdown-grace", ZERO, true));
    }

    private static RetrySettings retry(Reader r) {
        Integer attempts = r.intIn("gemini.retry.max-attempts", 1, Integer.MAX_VALUE);
        Duration initial = r.durationAtLeast("gemini.retry.initial-backoff", ZERO, false);
        Duration max = r.durationAtLeast("gemini.retry.max-backoff", ZERO, false);
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            r.problems().bad(r.config(), "gemini.retry.max-backoff",
                    "must be >= gemini.retry.initial-backoff (" + Reader.human(initial) + ")");
        }
        return new RetrySettings(attempts == null ? 1 : attempts, initial, max);
    }

    static EmulatorKnobs emulator(Reader r) {
        String e = "gemini.emulator.";
        Integer chunks = r.intIn(e + "chunks", 1, Integer.MAX_VALUE);
        Integer rpm = r.intIn(e + "requests-per-minute", 0, Integer.MAX_VALUE);
        Integer tpm = r.intIn(e + "tokens-per-minute", 0, Integer.MAX_VALUE);
        Integer streams = r.intIn(e + "max-concurrent-streams", 0, Integer.MAX_VALUE);
        Double chaos = r.doubleIn(e + "chaos-fraction", 0, 1);
        Long seed = r.longIn(e + "chaos-seed", Long.MIN_VALUE, Long.MAX_VALUE);
        Double shed = r.doubleIn(e + "flex-shed-rate", 0, 1);
        Double downgrade = r.doubleIn(e + "priority-downgrade-rate", 0, 1);
        return new EmulatorKnobs(r.durationAtLeast(e + "first-byte-latency", ZERO, true),
                r.durationAtLeast(e + "chunk-gap", ZERO, true), orZero(chunks), orZero(rpm),
                orZero(tpm), orZero(streams), chaos == null ? 0 : chaos, seed == null ? 0 : seed,
                IoSections.flag(r.bool(e + "http2")), r.stringList(e + "extra-models"),
                shed == null ? 0 : shed, downgrade == null ? 0 : downgrade);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
