package dev.gembatch.bench.e2e;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobConfig;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.transport.AttemptListener;
import dev.gembatch.transport.GeminiClient;
import dev.gembatch.transport.GeminiRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the HTTP exchange alone costs per row, beside what gembatch's transport adds, without
 * Spark: the same streams as {@link EndToEndBench} (the emulator in its own JVM, 10 chunks,
 * 500 ms), sent from this JVM at a fixed number in flight by
 * <ul>
 *   <li>{@code httpcore}: HttpClient 5's async client alone ({@link HttpClientAlone}), each
 *       body's bytes counted and dropped (no gunzip, no decoding): the library's floor;</li>
 *   <li>{@code transport}: gembatch's {@link GeminiClient} (limiter, deadlines, gunzip, decoding,
 *       reassembly into an {@link Answer}, classification) with the job's default settings.</li>
 * </ul>
 * Each mode's CPU is this process's (user + system) over its rows, and the share of it on the
 * HTTP client's I/O threads; modes alternate round by round after one warm-up round each.
 * {@code h2c=true} serves and sends HTTP/2 over cleartext instead (one connection per 100 streams,
 * as gembatch's transport spreads them).
 * {@code jobs/bench transport [rows=20480] [inflight=256] [rounds=2] [modes=httpcore,transport]
 * [h2c=false]}
 */
public final class TransportBench {
    private static final String MODEL = GembatchRun.MODEL;

    private TransportBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int rows = Integer.parseInt(o.get("rows"));
        int inFlight = Integer.parseInt(o.get("inflight"));
        List<String> modes = List.of(o.get("modes").split(","));
        boolean h2c = Boolean.parseBoolean(o.get("h2c"));
        System.out.println("load average at start: " + Report.load() + "; options " + o);
        List<String> emulatorArgs = new ArrayList<>(List.of("--chunks", "10", "--first-byte-ms",
                "50", "--gap-ms", "50"));
        if (h2c) {
            emulatorArgs.add("--h2c");
        }
        try (EmulatorProcess emulator = EmulatorProcess.start(emulatorArgs)) {
            GeminiSettings settings = JobConfig.parse(String.format("prompt.template = \"{{text}}\""
                    + "%nmodel.name = %s%ngemini { base-url = \"%s\", api-key = emulator-key,"
                    + " concurrency = %d, http-version = %s }%n", MODEL, emulator.baseUrl(),
                    inFlight, h2c ? "h2" : "http1"), List.of(), Map.of()).gemini();
            for (String mode : modes) {
                System.out.println("warm-up " + run(mode, settings, inFlight, rows / 4));
            }
            for (int round = 1; round <= Integer.parseInt(o.get("rounds")); round++) {
                for (String mode : modes) {
                    System.out.println("round " + round + " " + run(mode, settings, inFlight, rows)
                            + " load " + Report.load());
                }
            }
        }
    }

    private static String run(String mode, GeminiSettings settings, int inFlight, int rows)
            throws Exception {
        Sender sender = switch (mode) {
            case "httpcore" -> settings.httpVersion() == GeminiSettings.HttpVersion.H2
                    ? HttpClientAlone.h2(streamUri(settings), inFlight)
                    : HttpClientAlone.http1(streamUri(settings), inFlight);
            case "transport" -> new TransportSender(settings);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        try (sender) {
            Semaphore window = new Semaphore(inFlight);
            AtomicLong ok = new AtomicLong();
            double cpu0 = BenchSpark.cpuSeconds();
            long io0 = ioThreadCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                window.acquire();
                sender.send(body(i), success -> {
                    if (success) {
                        ok.incrementAndGet();
                    }
                    window.release();
                });
            }
            window.acquire(inFlight);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = BenchSpark.cpuSeconds() - cpu0;
            double io = (ioThreadCpuNanos() - io0) / 1e9;
            return String.format("%s in-flight=%d rows=%d ok=%d wall=%.2fs rows/s=%.1f"
                            + " cpu=%.2fs (%.3f ms/row) io-threads=%.2fs (%.3f ms/row)",
                    mode, inFlight, rows, ok.get(), wall, rows / wall, cpu, 1000 * cpu / rows,
                    io, 1000 * io / rows);
        }
    }

    /** A row's request body: a prompt of the benchmark's length, different for every row. */
    private static byte[] body(int row) {
        return String.format("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"%s"
                        + "cord lid sturdy works quiet cheap handle fast slow love broke %d\"}]}]}",
                GembatchRun.PROMPT_PREFIX, row).getBytes(StandardCharsets.UTF_8);
    }

    /** CPU time of the live HTTP client I/O threads ({@code httpclient-dispatch-*}). */
    private static long ioThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("httpclient-dispatch")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** Sends one row's body; {@code done} is told once whether it came back whole and OK. */
    interface Sender extends AutoCloseable {
        void send(byte[] body, Consumer<Boolean> done);

        @Override
        void close() throws Exception;
    }

    /** gembatch's client: every row becomes an {@link Answer}. */
    private static final class TransportSender implements Sender {
        private final GeminiClient client;

        TransportSender(GeminiSettings settings) {
            this.client = GeminiClient.create(settings, AttemptListener.NONE);
        }

        @Override
        public void send(byte[] body, Consumer<Boolean> done) {
            client.send(new GeminiRequest(MODEL, body)).whenComplete((answer, failure) ->
                    done.accept(failure == null && answer.status() == Status.OK));
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static URI streamUri(GeminiSettings settings) {
        return URI.create(settings.baseUrl() + "/v1beta/models/" + MODEL
                + ":streamGenerateContent?alt=sse");
    }

    private static Map<String, String> options(String[] args) {
        return BenchOptions.parse(args, Map.of("rows", "20480", "inflight", "256",
                "rounds", "2", "modes", "httpcore,transport", "h2c", "false"));
    }
}
