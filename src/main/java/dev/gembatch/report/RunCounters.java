package dev.gembatch.report;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Run-wide counters fed by the executors (Spark accumulators): rows by status, requests sent,
 * attempts beyond the first and their causes, tokens in, out and thinking, the bounded
 * distributions of the run report, what the journal and dedupe saved (answers journaled,
 * reused from the journal or an earlier output, rows deduplicated, requests re-sent by retried
 * tasks), and the requests on the wire (a gauge: tasks add its changes). Their running values reach the driver with the executors' heartbeats (see
 * {@link Progress}); the totals are read once the run has finished.
 */
public final class RunCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Status, LongAccumulator> byStatus = new EnumMap<>(Status.class);
    private final LongAccumulator retries;
    private final LongAccumulator promptTokens;
    private final LongAccumulator outputTokens;
    private final LongAccumulator thoughtsTokens;
    private final LongAccumulator sent;
    private final LongAccumulator answered;
    private final LongAccumulator answersFailed;
    private final LongAccumulator answersBlocked;
    private final StatsAccumulator stats = new StatsAccumulator();
    private final String keyColumn;
    private final LongAccumulator journaled;
    private final LongAccumulator reused;
    private final LongAccumulator deduplicated;
    private final LongAccumulator resent;
    private final LongAccumulator onWire;
    private final LongAccumulator fromStore;
    private final LongAccumulator storePromptTokens;
    private final LongAccumulator storeOutputTokens;
    private final LongAccumulator storeThoughtsTokens;

    private RunCounters(Function<String, LongAccumulator> named,
                        BiConsumer<StatsAccumulator, String> register, String keyColumn) {
        for (Status s : Status.values()) {
            byStatus.put(s, named.apply("gembatch.rows." + s.name()));
        }
        retries = named.apply("gembatch.retries");
        promptTokens = named.apply("gembatch.tokens.prompt");
        outputTokens = named.apply("gembatch.tokens.output");
        thoughtsTokens = named.apply("gembatch.tokens.thoughts");
        sent = named.apply("gembatch.sent");
        answered = named.apply("gembatch.answered");
        answersFailed = named.apply("gembatch.answered.FAILED");
        answersBlocked = named.apply("gembatch.answered.BLOCKED");
        register.accept(stats, "gembatch.stats");
        this.keyColumn = keyColumn;
        journaled = named.apply("gembatch.journal.written");
        reused = named.apply("gembatch.journal.reused");
        deduplicated = named.apply("gembatch.rows.deduplicated");
        resent = named.apply("gembatch.requests.resent");
        onWire = named.apply("gembatch.requests.onWire");
        fromStore = named.apply("gembatch.store.rows");
        storePromptTokens = named.apply("gembatch.store.tokens.prompt");
        storeOutputTokens = named.apply("gembatch.store.tokens.output");
        storeThoughtsTokens = named.apply("gembatch.store.tokens.thoughts");
    }

    /** Fresh counters registered with this Spark context; error samples keyed by request id. */
    public static RunCounters register(SparkContext sc) {
        return register(sc, null);
    }

    /** The same, with error samples keyed by this input column (null: by request id). */
    public static RunCounters register(SparkContext sc, String keyColumn) {
        return new RunCounters(sc::longAccumulator, sc::register, keyColumn);
    }

    /**
     * Fresh counters of this JVM alone, registered with no Spark context (answering without
     * Spark: a preview); error samples keyed by request id.
     */
    public static RunCounters local() {
        return new RunCounters(name -> new LongAccumulator(), (stats, name) -> { }, null);
    }

    /** The input column whose value names a row in the report, or null for the request id. */
    public String keyColumn() {
        return keyColumn;
    }

    /** Counts one request handed to the client (it may wait for a permit before it is sent). */
    public void sent() {
        sent.add(1);
    }

    /** Counts one emitted row; {@code key} names it among the error samples. */
    public void count(Answer a, String key) {
        countRow(a.status());
        countRequest(a, key);
    }

    /** Counts one output row. */
    public void countRow(Status status) {
        byStatus.get(status).add(1);
    }

    /** Counts the retries, tokens and report statistics of one answer (sent or skipped). */
    public void countRequest(Answer a, String key) {
        answered.add(1);
        if (a.status() == Status.FAILED) {
            answersFailed.add(1);
        } else if (a.status() == Status.BLOCKED) {
            answersBlocked.add(1);
        }
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

    /**
     * Adds a change in the requests on the wire (attempts sent and not yet ended) of this task's
     * JVM; the live sum over tasks is the progress line's "in flight".
     */
    public void onWire(long change) {
        onWire.add(change);
    }

    /** Answers written to the journal. */
    public void journaled(long n) {
        journaled.add(n);
    }

    /**
     * Answers reused from the journal or an earlier output instead of being sent (the summary's
     * {@code resumed}).
     */
    public void reused(long n) {
        reused.add(n);
    }

    /** Rows not sent because an identical request of the run was. */
    public void deduplicated(long n) {
        deduplicated.add(n);
    }

    /** Requests sent again by a retried task (not found in the journal). */
    public void resent(long n) {
        resent.add(n);
    }

    /** One row answered from the answer store, with the tokens its answer cost when paid. */
    public void fromStore(long prompt, long output, long thoughts) {
        fromStore.add(1);
        storePromptTokens.add(prompt);
        storeOutputTokens.add(output);
        storeThoughtsTokens.add(thoughts);
    }

    /** What the answer store saved, read on the driver after the run. */
    public RunTotals.StoreUse storeUse() {
        return new RunTotals.StoreUse(true, fromStore.value(), sent.value(),
                storePromptTokens.value(), storeOutputTokens.value(), storeThoughtsTokens.value());
    }

    /** The totals, read on the driver after the run. */
    public RunTotals totals(String outputPath, long millis) {
        Map<Status, Long> rows = new EnumMap<>(Status.class);
        byStatus.forEach((s, acc) -> rows.put(s, acc.value()));
        return new RunTotals(outputPath, rows, retries.value(), promptTokens.value(),
                outputTokens.value(), millis, List.of(),
                new RunTotals.Recovery(journaled.value(),
                        reused.value(), deduplicated.value(), resent.value()), 1,
                RunTotals.StoreUse.OFF);
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
        ids.put(answered.id(), Metric.ANSWERED);
        ids.put(onWire.id(), Metric.ON_WIRE);
        ids.put(answersFailed.id(), Metric.ANSWERS_FAILED);
        ids.put(answersBlocked.id(), Metric.ANSWERS_BLOCKED);
        return ids;
    }
}
