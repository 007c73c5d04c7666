package dev.gembatch.emulator.bench;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.GeminiEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a unit test): N concurrent SSE streams against an in-process emulator with a
 * configured first-byte latency and chunk gap; prints how far the observed timings deviate
 * (p50/p99/max). Args: [streams=1000] [firstByteMs=200] [gapMs=100] [chunks=5]. Bounded to 60 s.
 */
public final class EmulatorTimingBench {
    private EmulatorTimingBench() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long firstMs = args.length > 1 ? Long.parseLong(args[1]) : 200;
        long gapMs = args.length > 2 ? Long.parseLong(args[2]) : 100;
        int chunks = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        EmulatorOptions options = EmulatorOptions.builder().firstByteLatency(Duration.ofMillis(firstMs))
                .chunkGap(Duration.ofMillis(gapMs)).chunks(chunks).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (GeminiEmulator emulator = GeminiEmulator.start(options)) {
            round(client, emulator, streams, "warm-up-1");
            round(client, emulator, streams, "warm-up-2");
            Result result = round(client, emulator, streams, "measured");
            System.out.printf("streams=%d firstByte=%dms gap=%dms chunks=%d complete=%d failed=%d maxConcurrent=%d%n",
                    streams, firstMs, gapMs, chunks, result.complete, result.failed,
                    emulator.stats().maxConcurrentStreams());
            report("TTFB deviation (ms)", result.ttfbDeviation);
            report("gap deviation (ms)", result.gapDeviation);
            report("total stream time deviation (ms)", result.totalDeviation);
        }
        System.exit(0);
    }

    private static final class Result {
        final List<Double> ttfbDeviation = Collections.synchronizedList(new ArrayList<>());
        final List<Double> gapDeviation = Collections.synchronizedList(new ArrayList<>());
        final List<Double> totalDeviation = Collections.synchronizedList(new ArrayList<>());
        volatile int complete;
        volatile int failed;
    }

    private static Result round(HttpClient client, GeminiEmulator emulator, int streams, String label) throws Exception {
        EmulatorOptions o = emulator.options();
        double first = o.firstByteLatency().toNanos() / 1e6;
        double gap = o.chunkGap().toNanos() / 1e6;
        Result result = new Result();
        CountDownLatch done = new CountDownLatch(streams);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                            + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"))
                    .header("x-goog-api-key", emulator.apiKey()).timeout(Duration.ofSeconds(50))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"contents\":[{\"parts\":[{\"text\":\"" + label + " row " + i + "\"}]}]}")).build();
            long start = System.nanoTime();
            EventTimes times = new EventTimes();
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(times))
                    .whenComplete((response, error) -> {
                        if (error == null && times.arrivals.size() == o.chunks()) {
                            record(result, times.arrivals, start, first, gap);
                            result.complete++;
                        } else {
                            result.failed++;
                        }
                        done.countDown();
                    }));
        }
        if (!done.await(55, TimeUnit.SECONDS)) {
            throw new IllegalStateException(label + ": streams did not finish within 55 s");
        }
        return result;
    }

    private static synchronized void record(Result result, List<Long> arrivals, long start, double first, double gap) {
        result.ttfbDeviation.add((arrivals.get(0) - start) / 1e6 - first);
        for (int i = 1; i < arrivals.size(); i++) {
            result.gapDeviation.add((arrivals.get(i) - arrivals.get(i - 1)) / 1e6 - gap);
        }
        long last = arrivals.get(arrivals.size() - 1);
        result.totalDeviation.add((last - start) / 1e6 - first - gap * (arrivals.size() - 1));
    }

    private static void report(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-34s p50=%7.1f  p99=%7.1f  max=%7.1f  (n=%d)%n", name, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1), sorted.size());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /** Records the arrival time of each complete SSE event (CRLF CRLF boundary). */
    private static final class EventTimes implements Flow.Subscriber<List<ByteBuffer>> {
        final List<Long> arrivals = new ArrayList<>();
        private int matched;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        arrivals.add(now);
                        matched = 0;
                    }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
