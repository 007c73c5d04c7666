package dev.gembatch.emulator;

import java.io.IOException;
import java.util.List;

/**
 * Standalone entry: {@code EmulatorServer [flags]} with the flags of {@link EmulatorFlags}
 * ({@code jobs/run --emulator} takes the same); prints its URL and key and serves until killed.
 */
public final class EmulatorServer {
    private EmulatorServer() {
    }

    public static void main(String[] args) throws IOException {
        EmulatorOptions options;
        try {
            options = EmulatorFlags.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(String.join(System.lineSeparator(), EmulatorFlags.usage()));
            System.exit(2);
            return;
        }
        GeminiEmulator.serveForever(options, System.out);
    }
}
