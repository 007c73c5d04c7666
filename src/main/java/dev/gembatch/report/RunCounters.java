package dev.gembatch.report;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Run-wide counters fed by the executors (Spark accumulators): rows by status, attempts beyond
 * the first, and tokens in and out. Read on the driver once the run has finished.
 */
public final class RunCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Status, LongAccumulator> byStatus = new EnumMap<>(Status.class);
    private final LongAccumulator retries;
    private final LongAccumulator promptTokens;
    private final LongAccumulator outputTokens;

    private RunCounters(SparkContext sc) {
        for (Status s : Status.values()) {
            byStatus.put(s, sc.longAccumulator("gembatch.rows." + s.name()));
        }
        retries = sc.longAccumulator("gembatch.retries");
        promptTokens = sc.longAccumulator("gembatch.tokens.prompt");
        outputTokens = sc.longAccumulator("gembatch.tokens.output");
    }

    /** Fresh counters registered with this Spark context. */
    public static RunCounters register(SparkContext sc) {
        return new RunCounters(sc);
    }

    /** Counts one emitted row. */
    public void count(Answer a) {
        byStatus.get(a.status()).add(1);
        retries.add(Math.max(0, a.attempts() - 1));
        Usage u = a.usage();
        promptTokens.add(u.promptTokens() == null ? 0 : u.promptTokens());
        outputTokens.add(u.outputTokens() == null ? 0 : u.outputTokens());
    }

    /** The totals, read on the driver after the run. */
    public RunSummary summary(String outputPath, long millis) {
        Map<Status, Long> rows = new EnumMap<>(Status.class);
        byStatus.forEach((s, acc) -> rows.put(s, acc.value()));
        return new RunSummary(outputPath, rows, retries.value(), promptTokens.value(),
                outputTokens.value(), millis);
    }
}
