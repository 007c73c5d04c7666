package dev.gembatch.emulator;

import java.io.IOException;
import java.time.Duration;

/**
 * Standalone entry: {@code EmulatorServer [--port N] [--key K] [--chunks N] [--first-byte-ms N]
 * [--gap-ms N] [--rpm N] [--tpm N] [--max-streams N] [--chaos F] [--seed N] [--h2c]}; prints its
 * URL and key and serves until killed.
 */
public final class EmulatorServer {
    private EmulatorServer() {
    }

    public static void main(String[] args) throws IOException {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        GeminiEmulator.serveForever(options, System.out);
    }

    /** The options named on the command line over {@link EmulatorOptions#defaults()}. */
    static EmulatorOptions parse(String[] args) {
        EmulatorOptions.Builder builder = EmulatorOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--h2c")) {
                builder.http2(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            apply(builder, flag, args[++i]);
        }
        return builder.build();
    }

    private static void apply(EmulatorOptions.Builder builder, String flag, String value) {
        try {
            switch (flag) {
                case "--port": builder.port(Integer.parseInt(value)); break;
                case "--key": builder.apiKey(value); break;
                case "--chunks": builder.chunks(Integer.parseInt(value)); break;
                case "--first-byte-ms": builder.firstByteLatency(Duration.ofMillis(Long.parseLong(value))); break;
                case "--gap-ms": builder.chunkGap(Duration.ofMillis(Long.parseLong(value))); break;
                case "--rpm": builder.requestsPerMinute(Integer.parseInt(value)); break;
                case "--tpm": builder.tokensPerMinute(Integer.parseInt(value)); break;
                case "--max-streams": builder.maxConcurrentStreams(Integer.parseInt(value)); break;
                case "--chaos": builder.chaosFraction(Double.parseDouble(value)); break;
                case "--seed": builder.chaosSeed(Long.parseLong(value)); break;
                default: throw new IllegalArgumentException("unknown option " + flag);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number after " + flag + ": " + value, e);
        }
    }
}
