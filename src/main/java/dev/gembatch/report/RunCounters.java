package dev.gembatch.report;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Run-wide counters fed by the executors (Spark accumulators): rows by status, requests sent,
 * attempts beyond the first and their causes, tokens in, out and thinking, and the bounded
 * distributions of the run report. Their running values reach the driver with the executors'
 * heartbeats (see {@link Progress}); the totals are read once the run has finished.
 */
public final class RunCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Status, LongAccumulator> byStatus = new EnumMap<>(Status.class);
    private final LongAccumulator retries;
    private final LongAccumulator promptTokens;
    private final LongAccumulator outputTokens;
    private final LongAccumulator thoughtsTokens;
    private final LongAccumulator sent;
    private final StatsAccumulator stats = new StatsAccumulator();
    private final String keyColumn;

    private RunCounters(SparkContext sc, String keyColumn) {
        for (Status s : Status.values()) {
            byStatus.put(s, sc.longAccumulator("gembatch.rows." + s.name()));
        }
        retries = sc.longAccumulator("gembatch.retries");
        promptTokens = sc.longAccumulator("gembatch.tokens.prompt");
        outputTokens = sc.longAccumulator("gembatch.tokens.output");
        thoughtsTokens = sc.longAccumulator("gembatch.tokens.thoughts");
        sent = sc.longAccumulator("gembatch.sent");
        sc.register(stats, "gembatch.stats");
        this.keyColumn = keyColumn;
    }

    /** Fresh counters registered with this Spark context; error samples keyed by request id. */
    public static RunCounters register(SparkContext sc) {
        return new RunCounters(sc, null);
    }

    /** The same, with error samples keyed by this input column (null: by request id). */
    public static RunCounters register(SparkContext sc, String keyColumn) {
        return new RunCounters(sc, keyColumn);
    }

    /** The input column whose value names a row in the report, or null for the request id. */
    public String keyColumn() {
        return keyColumn;
    }

    /** Counts one request handed to the client (in flight until its row is counted). */
    public void sent() {
        sent.add(1);
    }

    /** Counts one emitted row; {@code key} names it among the error samples. */
    public void count(Answer a, String key) {
        byStatus.get(a.status()).add(1);
        retries.add(Math.max(0, a.attempts() - 1));
        Usage u = a.usage();
        promptTokens.add(u.promptTokens() == null ? 0 : u.promptTokens());
        outputTokens.add(u.outputTokens() == null ? 0 : u.outputTokens());
        thoughtsTokens.add(u.thoughtsTokens() == null ? 0 : u.thoughtsTokens());
        stats.row(a, key);
    }

    /** Adds retried attempts by cause (an error status such as RESOURCE_EXHAUSTED). */
    public void retried(Map<String, Long> byCause) {
        if (!byCause.isEmpty()) {
            stats.retries(byCause);
        }
    }

    /** The totals, read on the driver after the run. */
    public RunSummary summary(String outputPath, long millis) {
        Map<Status, Long> rows = new EnumMap<>(Status.class);
        byStatus.forEach((s, acc) -> rows.put(s, acc.value()));
        return new RunSummary(outputPath, rows, retries.value(), promptTokens.value(),
                outputTokens.value(), millis);
    }

    /** Thinking tokens, read on the driver after the run. */
    long thoughtsTokens() {
        return thoughtsTokens.value();
    }

    /** The distributions, read on the driver after the run. */
    RunStats stats() {
        return stats.value();
    }

    /** Accumulator id to live metric name, for the progress line. */
    Map<Long, Metric> liveMetrics() {
        Map<Long, Metric> ids = new HashMap<>();
        byStatus.forEach((s, acc) -> ids.put(acc.id(), Metric.of(s)));
        ids.put(retries.id(), Metric.RETRIES);
        ids.put(promptTokens.id(), Metric.TOKENS_IN);
        ids.put(outputTokens.id(), Metric.TOKENS_OUT);
        ids.put(sent.id(), Metric.SENT);
        return ids;
    }
}
