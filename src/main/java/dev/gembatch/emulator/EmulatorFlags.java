package dev.gembatch.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The emulator's command-line knobs, one vocabulary for {@code jobs/run --emulator} and
 * {@link EmulatorServer}: the same ones {@code gemini.emulator.*} sets inside a job. A bad or
 * unknown flag is an IllegalArgumentException naming it.
 */
public final class EmulatorFlags {
    private static final List<Flag> FLAGS = List.of(
            new Flag("--port", "N", "port to listen on on 127.0.0.1 (default: any free port)",
                    (b, v) -> b.port(whole("--port", v))),
            new Flag("--key", "K", "the API key it accepts (default: emulator-key)",
                    EmulatorOptions.Builder::apiKey),
            new Flag("--first-byte-ms", "N", "delay before the first byte of an answer",
                    (b, v) -> b.firstByteLatency(Duration.ofMillis(whole("--first-byte-ms", v)))),
            new Flag("--gap-ms", "N", "delay between two streamed chunks",
                    (b, v) -> b.chunkGap(Duration.ofMillis(whole("--gap-ms", v)))),
            new Flag("--chunks", "N", "chunks per streamed answer",
                    (b, v) -> b.chunks(whole("--chunks", v))),
            new Flag("--rpm", "N", "requests per minute before 429 (0: no limit)",
                    (b, v) -> b.requestsPerMinute(whole("--rpm", v))),
            new Flag("--tpm", "N", "tokens per minute before 429 (0: no limit)",
                    (b, v) -> b.tokensPerMinute(whole("--tpm", v))),
            new Flag("--rpd", "N", "requests admitted before every later one gets a per-day 429"
                    + " (0: no limit)", (b, v) -> b.requestsPerDay(whole("--rpd", v))),
            new Flag("--max-streams", "N", "streams served at once; more get 503 (0: no cap)",
                    (b, v) -> b.maxConcurrentStreams(whole("--max-streams", v))),
            new Flag("--chaos", "F", "fraction 0..1 of requests given a random transient failure",
                    (b, v) -> b.chaosFraction(fraction(v))),
            new Flag("--seed", "N", "seed of the chaos choices",
                    (b, v) -> b.chaosSeed(whole("--seed", v))),
            new Flag("--flex-shed", "F", "fraction 0..1 of Flex attempts shed with 503/429",
                    (b, v) -> b.flexShedRate(fraction(v))),
            new Flag("--priority-downgrade", "F", "fraction 0..1 of Priority requests served at"
                    + " standard", (b, v) -> b.priorityDowngradeRate(fraction(v))),
            new Flag("--cache-expire-uses", "N", "generation requests a context cache serves"
                    + " before it is gone (0: only its TTL)",
                    (b, v) -> b.cacheExpireAfterUses(whole("--cache-expire-uses", v))),
            new Flag("--extra-model", "NAME", "serve one more model name (repeatable)", null),
            new Flag("--h2c", "", "serve HTTP/2 (cleartext, prior knowledge)", null),
            new Flag("--tls", "P12", "serve HTTPS with this PKCS#12 key store (password in "
                    + TlsIdentity.PASSWORD_VARIABLE + ", default changeit); ALPN offers h2 (100"
                    + " streams per connection) and HTTP/1.1",
                    (b, v) -> b.tls(TlsIdentity.fromPkcs12(Path.of(v)))));

    private EmulatorFlags() {
    }

    private record Flag(String name, String value, String meaning,
                        BiConsumer<EmulatorOptions.Builder, String> set) {
    }

    /** True when {@code arg} is one of the emulator's flags. */
    public static boolean isFlag(String arg) {
        return FLAGS.stream().anyMatch(f -> f.name().equals(arg));
    }

    /** True when the flag {@code arg} is followed by a value. */
    public static boolean takesValue(String arg) {
        return FLAGS.stream().anyMatch(f -> f.name().equals(arg) && !f.value().isEmpty());
    }

    /** The options the flags in {@code args} (flag, value, flag, ...) name over the defaults. */
    public static EmulatorOptions parse(List<String> args) {
        EmulatorOptions.Builder builder = EmulatorOptions.builder();
        List<String> models = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!isFlag(flag)) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (flag.equals("--h2c")) {
                builder.http2(true);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args.get(++i);
            if (flag.equals("--extra-model")) {
                models.add(value);
            } else {
                FLAGS.stream().filter(f -> f.name().equals(flag)).findFirst().orElseThrow()
                        .set().accept(builder, value);
            }
        }
        return builder.extraModels(models).build();
    }

    /** One usage line per flag. */
    public static List<String> usage() {
        return FLAGS.stream().map(f -> String.format("    %-22s %s",
                (f.name() + " " + f.value()).strip(), f.meaning())).toList();
    }

    private static int whole(String flag, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got '" + text
                    + "'");
        }
    }

    private static double fraction(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--chaos expects a number from 0 to 1, got '"
                    + text + "'");
        }
    }
}
