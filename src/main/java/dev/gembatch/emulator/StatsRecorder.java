package dev.gembatch.emulator;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Thread-safe live counters behind {@link EmulatorStats}, plus the attempt memory per request key. */
final class StatsRecorder {
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byScenario = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byAttempt = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<Long> answered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final LongAdder paidTwice = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder labeled = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final Map<String, LongAdder> byProtocol = new ConcurrentHashMap<>();

    /** A request reached the OAuth2 token endpoint. */
    void tokenRequest() {
        tokenRequests.increment();
    }

    /** A client opened a connection. */
    void connection() {
        connections.increment();
    }

    /** A request arrived over this protocol ("HTTP/1.1", "HTTP/2.0"). */
    void protocol(String version) {
        byProtocol.computeIfAbsent(version, k -> new LongAdder()).increment();
    }

    /** A Vertex generation request carried {@code labels}. */
    void labeled() {
        labeled.increment();
    }
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

    /** Records that the request key was seen again; returns its attempt number (1 = first). */
    int nextAttempt(long key) {
        arrivals.add(System.nanoTime());
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        byAttempt.computeIfAbsent(attempt, k -> new LongAdder()).increment();
        return attempt;
    }

    void status(int status) {
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void scenario(String label) {
        byScenario.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    /** Opens an answer unless {@code cap} (> 0) answers are already open. */
    boolean tryOpen(int cap) {
        while (true) {
            int current = open.get();
            if (cap > 0 && current >= cap) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                maxOpen.accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    void close() {
        open.decrementAndGet();
    }

    /** A complete 200 answer was delivered for this request key. */
    void complete(long key, int prompt, int output) {
        if (!answered.add(key)) {
            paidTwice.increment();
        }
        promptTokens.add(prompt);
        outputTokens.add(output);
    }

    /** The arrival time ({@code System.nanoTime()}) of every generation request, in order. */
    List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    EmulatorStats snapshot() {
        return new EmulatorStats(sum(byStatus), sum(byScenario), sum(byAttempt), maxOpen.get(), open.get(),
                paidTwice.sum(), promptTokens.sum(), outputTokens.sum(), tokenRequests.sum(), labeled.sum(),
                connections.sum(), sum(byProtocol));
    }

    /** Forgets every counter and the attempt memory (open answers stay counted as open). */
    void reset() {
        byStatus.clear();
        byScenario.clear();
        byAttempt.clear();
        attempts.clear();
        answered.clear();
        maxOpen.set(open.get());
        paidTwice.reset();
        promptTokens.reset();
        outputTokens.reset();
        tokenRequests.reset();
        labeled.reset();
        connections.reset();
        byProtocol.clear();
        arrivals.clear();
    }

    private static <K> Map<K, Long> sum(Map<K, LongAdder> counters) {
        return counters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }
}
