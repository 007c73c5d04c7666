package dev.gembatch.report;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Run-wide counters fed by the executors (Spark accumulators): rows by status, attempts beyond
 * the first, tokens in and out, and what the journal and dedupe saved (answers journaled,
 * reused from the journal or an earlier output, rows deduplicated, requests re-sent by retried
 * tasks). Read on the driver once the run has finished.
 */
public final class RunCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Status, LongAccumulator> byStatus = new EnumMap<>(Status.class);
    private final LongAccumulator retries;
    private final LongAccumulator promptTokens;
    private final LongAccumulator outputTokens;
    private final LongAccumulator journaled;
    private final LongAccumulator resumed;
    private final LongAccumulator deduplicated;
    private final LongAccumulator resent;

    private RunCounters(SparkContext sc) {
        for (Status s : Status.values()) {
            byStatus.put(s, sc.longAccumulator("gembatch.rows." + s.name()));
        }
        retries = sc.longAccumulator("gembatch.retries");
        promptTokens = sc.longAccumulator("gembatch.tokens.prompt");
        outputTokens = sc.longAccumulator("gembatch.tokens.output");
        journaled = sc.longAccumulator("gembatch.journal.written");
        resumed = sc.longAccumulator("gembatch.journal.reused");
        deduplicated = sc.longAccumulator("gembatch.rows.deduplicated");
        resent = sc.longAccumulator("gembatch.requests.resent");
    }

    /** Fresh counters registered with this Spark context. */
    public static RunCounters register(SparkContext sc) {
        return new RunCounters(sc);
    }

    /** Counts one emitted row and the request that answered it. */
    public void count(Answer a) {
        countRow(a.status());
        countRequest(a);
    }

    /** Counts one output row. */
    public void countRow(Status status) {
        byStatus.get(status).add(1);
    }

    /** Counts the retries and tokens of one answered request. */
    public void countRequest(Answer a) {
        retries.add(Math.max(0, a.attempts() - 1));
        Usage u = a.usage();
        promptTokens.add(u.promptTokens() == null ? 0 : u.promptTokens());
        outputTokens.add(u.outputTokens() == null ? 0 : u.outputTokens());
    }

    /** Answers written to the journal. */
    public void journaled(long n) {
        journaled.add(n);
    }

    /** Answers reused from the journal or an earlier output instead of being sent. */
    public void resumed(long n) {
        resumed.add(n);
    }

    /** Rows not sent because an identical request of the run was. */
    public void deduplicated(long n) {
        deduplicated.add(n);
    }

    /** Requests sent again by a retried task (not found in the journal). */
    public void resent(long n) {
        resent.add(n);
    }

    /** The totals, read on the driver after the run. */
    public RunSummary summary(String outputPath, long millis) {
        Map<Status, Long> rows = new EnumMap<>(Status.class);
        byStatus.forEach((s, acc) -> rows.put(s, acc.value()));
        return new RunSummary(outputPath, rows, retries.value(), promptTokens.value(),
                outputTokens.value(), millis, List.of(),
                new RunSummary.Recovery(journaled.value(),
                        resumed.value(), deduplicated.value(), resent.value()));
    }
}
