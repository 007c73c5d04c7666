package dev.gembatch.job;

import dev.gembatch.config.EmulatorKnobs;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import dev.gembatch.model.ApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;

/** Starts the built-in emulator: inside a job ({@code gemini.base-url = "emulator"}) or alone. */
final class EmulatorCommand {
    private EmulatorCommand() {
    }

    /** An emulator on a free loopback port with the job's {@code gemini.emulator} knobs. */
    static GeminiEmulator start(JobSettings job) throws IOException {
        EmulatorKnobs k = job.emulator();
        return GeminiEmulator.start(EmulatorOptions.builder()
                .firstByteLatency(k.firstByteLatency())
                .chunkGap(k.chunkGap())
                .chunks(k.chunks())
                .requestsPerMinute(k.requestsPerMinute())
                .tokensPerMinute(k.tokensPerMinute())
                .maxConcurrentStreams(k.maxConcurrentStreams())
                .chaosFraction(k.chaosFraction())
                .chaosSeed(k.chaosSeed())
                .http2(k.http2())
                .extraModels(k.extraModels())
                .flexShedRate(k.flexShedRate())
                .priorityDowngradeRate(k.priorityDowngradeRate())
                .build());
    }

    /**
     * The job's settings pointed at an emulator that serves until this JVM exits (the library
     * entry point, which has no end of run to stop it at).
     */
    static GeminiSettings shared(JobSettings job) {
        try {
            GeminiEmulator emulator = start(job);
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close,
                    "gembatch-emulator-shutdown"));
            return job.gemini().withBaseUrl(emulator.baseUrl())
                    .withApiKey(ApiKey.of(emulator.apiKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in emulator cannot start", e);
        }
    }

    /** Serves with {@code options} until the process is stopped. */
    static ExitCode serve(EmulatorOptions options, PrintStream out, PrintStream err) {
        try {
            GeminiEmulator.serveForever(options, out);
            return ExitCode.DONE;
        } catch (IOException e) {
            err.println("gembatch: the emulator cannot start: " + e.getMessage());
            return ExitCode.INTERNAL_ERROR;
        }
    }
}
