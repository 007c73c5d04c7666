package dev.gembatch.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of the emulator's counters (also served as JSON at {@code GET /__stats}): requests by
 * HTTP status, by scenario and by attempt number (how many times the same model + body was seen),
 * the peak of concurrently open answers, complete 200 answers given again for a request already
 * answered ("paidTwice"), the prompt / output (candidates + thoughts) tokens of complete answers,
 * token endpoint requests, labeled Vertex requests, the connections clients opened and the
 * requests by protocol.
 */
public final class EmulatorStats {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final long totalRequests;
    private final SortedMap<Integer, Long> requestsByStatus;
    private final SortedMap<String, Long> requestsByScenario;
    private final SortedMap<Integer, Long> requestsByAttempt;
    private final int maxConcurrentStreams;
    private final int openStreams;
    private final long paidTwice;
    private final long promptTokens;
    private final long outputTokens;
    private final long tokenRequests;
    private final long labeledRequests;
    private final long connections;
    private final SortedMap<String, Long> requestsByProtocol;

    EmulatorStats(Map<Integer, Long> byStatus, Map<String, Long> byScenario, Map<Integer, Long> byAttempt,
                  int maxConcurrentStreams, int openStreams, long paidTwice, long promptTokens, long outputTokens,
                  long tokenRequests, long labeledRequests, long connections,
                  Map<String, Long> byProtocol) {
        this.requestsByStatus = Collections.unmodifiableSortedMap(new TreeMap<>(byStatus));
        this.requestsByScenario = Collections.unmodifiableSortedMap(new TreeMap<>(byScenario));
        this.requestsByAttempt = Collections.unmodifiableSortedMap(new TreeMap<>(byAttempt));
        this.totalRequests = requestsByStatus.values().stream().mapToLong(Long::longValue).sum();
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.openStreams = openStreams;
        this.paidTwice = paidTwice;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
        this.tokenRequests = tokenRequests;
        this.labeledRequests = labeledRequests;
        this.connections = connections;
        this.requestsByProtocol = Collections.unmodifiableSortedMap(new TreeMap<>(byProtocol));
    }

    /** Every answered request (the sum of {@link #requestsByStatus()}). */
    public long totalRequests() { return totalRequests; }
    /** HTTP status → requests. */
    public SortedMap<Integer, Long> requestsByStatus() { return requestsByStatus; }
    /** Count for one status, 0 when none. */
    public long requestsWithStatus(int status) { return requestsByStatus.getOrDefault(status, 0L); }
    /** Scenario label ("normal", "safety", "fail-503x2", "chaos:cut", ...) → generation requests. */
    public SortedMap<String, Long> requestsByScenario() { return requestsByScenario; }
    /** Attempt number (1 = first time this model + body was seen) → generation requests. */
    public SortedMap<Integer, Long> requestsByAttempt() { return requestsByAttempt; }
    /** Peak number of generation requests being answered at once. */
    public int maxConcurrentStreams() { return maxConcurrentStreams; }
    /** Generation requests being answered right now. */
    public int openStreams() { return openStreams; }
    /** Complete 200 answers for a model + body that had already received one. */
    public long paidTwice() { return paidTwice; }
    /** Prompt tokens of complete answers. */
    public long promptTokens() { return promptTokens; }
    /** Candidate + thought tokens of complete answers. */
    public long outputTokens() { return outputTokens; }
    /** Requests to the OAuth2 token endpoint (Vertex sign-ins and refreshes). */
    public long tokenRequests() { return tokenRequests; }
    /** Vertex generation requests that carried {@code labels}. */
    public long labeledRequests() { return labeledRequests; }
    /** Connections clients opened. */
    public long connections() { return connections; }
    /** Protocol ("HTTP/1.1", "HTTP/2.0") → requests of any kind that arrived over it. */
    public SortedMap<String, Long> requestsByProtocol() { return requestsByProtocol; }

    /** The JSON served at {@code GET /__stats}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("totalRequests", totalRequests);
        ObjectNode status = root.putObject("requestsByStatus");
        requestsByStatus.forEach((key, value) -> status.put(String.valueOf(key), value));
        ObjectNode scenario = root.putObject("requestsByScenario");
        requestsByScenario.forEach(scenario::put);
        ObjectNode attempt = root.putObject("requestsByAttempt");
        requestsByAttempt.forEach((key, value) -> attempt.put(String.valueOf(key), value));
        root.put("maxConcurrentStreams", maxConcurrentStreams).put("openStreams", openStreams);
        root.put("paidTwice", paidTwice).put("promptTokens", promptTokens).put("outputTokens", outputTokens);
        root.put("tokenRequests", tokenRequests).put("labeledRequests", labeledRequests);
        root.put("connections", connections);
        ObjectNode protocol = root.putObject("requestsByProtocol");
        requestsByProtocol.forEach(protocol::put);
        return GoogleJson.pretty(root) + "\n";
    }

    @Override
    public String toString() {
        return toJson();
    }
}
