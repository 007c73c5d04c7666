package dev.gembatch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gembatch.config.Price;
import dev.gembatch.model.Status;
import java.io.UncheckedIOException;
import java.util.Map;

/** report.json: the run report as one JSON document (layout: docs/REPORT.md). */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static String write(RunReport r) {
        ObjectNode root = JSON.createObjectNode();
        RunTotals s = r.totals();
        root.put("output", s.outputPath()).put("model", r.model())
                .put("started", r.started().toString()).put("finished", r.finished().toString())
                .put("wall_ms", s.millis()).put("answer_columns", s.answerColumns());
        ObjectNode rows = root.putObject("rows").put("total", s.total());
        ObjectNode byStatus = rows.putObject("by_status");
        for (Status st : Status.values()) {
            byStatus.put(st.name(), s.count(st));
        }
        counts(root.putObject("finish_reasons"), r.stats().finishReasons);
        ObjectNode retries = root.putObject("retries").put("total", s.retries());
        counts(retries.putObject("by_cause"), r.stats().retryCauses);
        tokensAndCost(root, r);
        histogram(root.putObject("latency_ms"), r.stats().latency);
        histogram(root.putObject("ttft_ms"), r.stats().ttft);
        throughput(root.putObject("throughput"), r.stats().timeline);
        errors(root, r);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void tokensAndCost(ObjectNode root, RunReport r) {
        RunTotals s = r.totals();
        root.putObject("recovery").put("journaled", s.recovery().journaled())
                .put("resumed", s.recovery().resumed())
                .put("deduplicated", s.recovery().deduplicated())
                .put("resent", s.recovery().resent());
        if (s.store().on()) {
            root.putObject("store").put("from_store", s.store().fromStore())
                    .put("sent", s.store().sent()).put("saved_estimate", r.saved());
        }
        s.notes().forEach(root.putArray("notes")::add);
        root.putObject("tokens").put("input", s.promptTokens()).put("output", s.outputTokens())
                .put("thoughts", r.thoughtsTokens());
        Price p = r.price();
        ObjectNode cost = root.putObject("cost").put("currency", "USD")
                .put("estimate", r.cost())
                .put("note", "estimate from the pricing table (reference.conf: pricing)");
        cost.putObject("price_per_million").put("input", p.inputPerMillion())
                .put("output", p.outputPerMillion()).put("thoughts", p.thoughtsPerMillion());
    }

    private static void histogram(ObjectNode node, Histogram h) {
        node.put("count", h.count()).put("p50", h.quantile(0.5)).put("p95", h.quantile(0.95))
                .put("p99", h.quantile(0.99)).put("max", h.max())
                .put("mean", Math.round(h.mean()));
        ArrayNode buckets = node.putArray("buckets");
        int first = 0;
        int last = h.buckets() - 1;
        while (first < last && h.bucketCount(first) == 0) {
            first++;
        }
        while (last > first && h.bucketCount(last) == 0) {
            last--;
        }
        for (int i = first; h.count() > 0 && i <= last; i++) {
            buckets.addObject().put("from", i == 0 ? 0 : h.upper(i - 1)).put("to", h.upper(i))
                    .put("count", h.bucketCount(i));
        }
    }

    private static void throughput(ObjectNode node, Timeline t) {
        node.put("bucket_seconds", t.width());
        ArrayNode points = node.putArray("points");
        Map<Long, Long> buckets = t.buckets();
        long origin = buckets.isEmpty() ? 0 : buckets.keySet().iterator().next();
        buckets.forEach((start, n) -> points.addObject().put("t", start - origin)
                .put("rows", n).put("rows_per_second", (double) n / t.width()));
    }

    private static void errors(ObjectNode root, RunReport r) {
        ArrayNode list = root.putArray("errors");
        for (ErrorGroups.Group g : r.stats().errors.top(r.topErrors())) {
            ObjectNode e = list.addObject().put("status", g.status()).put("message", g.message())
                    .put("count", g.count());
            g.sampleKeys().forEach(e.putArray("sample_keys")::add);
        }
        root.put("errors_not_listed", r.stats().errors.others());
    }
}
