package dev.gembatch.bench.e2e;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline's per-JVM state, as a hand-written job keeps it: one google-genai Client and one
 * fixed thread pool of {@code inFlight} threads per (endpoint, in-flight), shared by the tasks.
 */
final class GenaiClients {
    private static final Map<String, Client> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<Integer, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private GenaiClients() {
    }

    static Client client(String baseUrl, String apiKey) {
        return CLIENTS.computeIfAbsent(baseUrl, url -> Client.builder().apiKey(apiKey)
                .httpOptions(HttpOptions.builder().baseUrl(url).apiVersion("v1beta").build()).build());
    }

    static ExecutorService pool(int threads) {
        return POOLS.computeIfAbsent(threads, n -> Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "genai-baseline");
            t.setDaemon(true);
            return t;
        }));
    }
}
