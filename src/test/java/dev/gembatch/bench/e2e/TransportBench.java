package dev.gembatch.bench.e2e;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobConfig;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.AttemptListener;
import dev.gembatch.transport.GeminiClient;
import dev.gembatch.transport.GeminiRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * What the HTTP exchange alone costs per row, beside what gembatch's transport adds, without
 * Spark: the same streams as {@link EndToEndBench} (the emulator in its own JVM, 10 chunks,
 * 500 ms), sent from this JVM at a fixed number in flight by
 * <ul>
 *   <li>{@code httpcore}: HttpClient 5's async client as gembatch configures it for HTTP/1.1,
 *       each body's bytes counted and dropped (no gunzip, no decoding): the library's floor;</li>
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
                    ? new BareH2Sender(settings, inFlight) : new BareSender(settings, inFlight);
            case "transport" -> new TransportSender(settings);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        try (sender) {
            Semaphore window = new Semaphore(inFlight);
            AtomicLong ok = new AtomicLong();
            long cpu0 = processCpuNanos();
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
            double cpu = (processCpuNanos() - cpu0) / 1e9;
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

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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

    private interface Sender extends AutoCloseable {
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
                    done.accept(failure == null && answer.status() == dev.gembatch.model.Status.OK));
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** HttpClient 5 alone, configured as gembatch's HTTP/1.1 transport; bodies dropped. */
    private static final class BareSender implements Sender {
        private final PoolingAsyncClientConnectionManager pool;
        private final CloseableHttpAsyncClient client;
        private final URI uri;

        BareSender(GeminiSettings settings, int inFlight) {
            this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(2 * inFlight).setMaxConnPerRoute(2 * inFlight).build();
            this.client = HttpAsyncClients.custom().setConnectionManager(pool)
                    .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                    .disableAuthCaching().disableContentCompression().build();
            this.uri = streamUri(settings);
            client.start();
        }

        @Override
        public void send(byte[] body, Consumer<Boolean> done) {
            client.execute(request(uri, body), new Dropping(), null, new Outcome(done));
        }

        @Override
        public void close() {
            pool.close(CloseMode.IMMEDIATE);
            client.close(CloseMode.GRACEFUL);
        }
    }

    /** HttpClient 5's HTTP/2 client alone, one connection per 100 streams in turn; bodies dropped. */
    private static final class BareH2Sender implements Sender {
        private final List<CloseableHttpAsyncClient> lanes = new ArrayList<>();
        private final URI uri;
        private int next;

        BareH2Sender(GeminiSettings settings, int inFlight) {
            for (int i = 0; i < (inFlight + 99) / 100; i++) {
                CloseableHttpAsyncClient lane = HttpAsyncClients.customHttp2()
                        .setH2Config(H2Config.custom().setPushEnabled(false).build())
                        .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build())
                        .disableAutomaticRetries().disableRedirectHandling()
                        .disableCookieManagement().disableAuthCaching().build();
                lane.start();
                lanes.add(lane);
            }
            this.uri = streamUri(settings);
        }

        @Override
        public void send(byte[] body, Consumer<Boolean> done) {
            next = (next + 1) % lanes.size();
            lanes.get(next).execute(request(uri, body), new Dropping(), null, new Outcome(done));
        }

        @Override
        public void close() {
            lanes.forEach(lane -> lane.close(CloseMode.GRACEFUL));
        }
    }

    /** Counts a response's body bytes and drops them; its result is the status code. */
    private static final class Dropping extends AbstractBinResponseConsumer<Integer> {
        private int code;
        private long bytes;

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            code = response.getCode();
        }

        @Override
        protected int capacityIncrement() {
            return 1 << 20;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            bytes += src.remaining();
            src.position(src.limit());
        }

        @Override
        protected Integer buildResult() {
            return bytes > 0 ? code : -1;
        }

        @Override
        public void releaseResources() {
            // nothing held
        }
    }

    private static URI streamUri(GeminiSettings settings) {
        return URI.create(settings.baseUrl() + "/v1beta/models/" + MODEL
                + ":streamGenerateContent?alt=sse");
    }

    /** The POST gembatch's transport sends, with the emulator's key. */
    private static AsyncRequestProducer request(URI uri, byte[] body) {
        return AsyncRequestBuilder.post(uri)
                .setHeader("Accept-Encoding", "gzip").setHeader("User-Agent", "gembatch/bench")
                .setHeader("x-goog-api-key", "emulator-key")
                .setEntity(AsyncEntityProducers.create(body, ContentType.APPLICATION_JSON))
                .build();
    }

    /** Reports whether an exchange ended with a 200 and a body. */
    private record Outcome(Consumer<Boolean> done) implements FutureCallback<Integer> {
        @Override
        public void completed(Integer code) {
            done.accept(code == 200);
        }

        @Override
        public void failed(Exception ex) {
            done.accept(false);
        }

        @Override
        public void cancelled() {
            done.accept(false);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>(Map.of("rows", "20480", "inflight", "256",
                "rounds", "2", "modes", "httpcore,transport", "h2c", "false"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !o.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown option " + arg + "; known: " + o.keySet());
            }
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return o;
    }
}
