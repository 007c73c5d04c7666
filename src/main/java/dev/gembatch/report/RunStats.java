package dev.gembatch.report;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-row distributions of a run, all of bounded size: finish reasons, latency and
 * time-to-first-token histograms, rows completed over time, retries by cause and error messages
 * with sample row keys. Not thread-safe: {@link StatsAccumulator} synchronises around it and
 * hands out copies.
 */
final class RunStats implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Long> finishReasons = new TreeMap<>();
    final Map<String, Long> retryCauses = new TreeMap<>();
    final Histogram latency = new Histogram();
    final Histogram ttft = new Histogram();
    final Timeline timeline = new Timeline();
    final ErrorGroups errors = new ErrorGroups();

    void row(Answer a, String key) {
        Candidate c = a.first();
        if (c != null && c.finishReason() != null) {
            finishReasons.merge(c.finishReason(), 1L, Long::sum);
        }
        if (a.latencyMs() != null) {
            latency.add(a.latencyMs());
        }
        if (a.ttftMs() != null) {
            ttft.add(a.ttftMs());
        }
        if (a.completedAt() != null) {
            timeline.add(a.completedAt().getEpochSecond());
        }
        if (a.error() != null) {
            errors.add(a.error().status(), a.error().message(), key);
        }
    }

    void retries(Map<String, Long> byCause) {
        byCause.forEach((cause, n) -> retryCauses.merge(cause, n, Long::sum));
    }

    void merge(RunStats o) {
        o.finishReasons.forEach((k, v) -> finishReasons.merge(k, v, Long::sum));
        retries(o.retryCauses);
        latency.merge(o.latency);
        ttft.merge(o.ttft);
        timeline.merge(o.timeline);
        errors.merge(o.errors);
    }

    RunStats copy() {
        RunStats s = new RunStats();
        s.merge(this);
        return s;
    }

    boolean isEmpty() {
        return finishReasons.isEmpty() && retryCauses.isEmpty() && latency.count() == 0
                && ttft.count() == 0 && timeline.buckets().isEmpty() && errors.top(1).isEmpty()
                && errors.others() == 0;
    }
}
