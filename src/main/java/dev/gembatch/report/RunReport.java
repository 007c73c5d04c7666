package dev.gembatch.report;

import dev.gembatch.config.Price;
import dev.gembatch.model.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The report of a finished run: its {@link RunTotals} plus thinking tokens, the
 * estimated cost, and the distributions (finish reasons, latency, time to first token,
 * throughput, retries by cause, frequent errors). Printed as a console table and written as
 * {@code report.json} and a self-contained {@code report.html}.
 */
public final class RunReport {
    /** The folder under the output path that holds the report files (Spark's reader skips it). */
    public static final String FOLDER = "_gembatch_report";
    private final RunTotals totals;
    private final String model;
    private final Price price;
    private final long thoughtsTokens;
    private final Instant started;
    private final Instant finished;
    private final RunStats stats;
    private final int topErrors;

    RunReport(RunTotals totals, String model, Price price, long thoughtsTokens,
              Instant started, Instant finished, RunStats stats, int topErrors) {
        this.totals = totals;
        this.model = model;
        this.price = price;
        this.thoughtsTokens = thoughtsTokens;
        this.started = started;
        this.finished = finished;
        this.stats = stats;
        this.topErrors = topErrors;
    }

    /** The report of a run whose write has returned, read from its counters on the driver. */
    public static RunReport of(RunCounters counters, RunTotals totals, String model,
                               Price price, Instant started, int topErrors) {
        return new RunReport(totals, model, price, counters.thoughtsTokens(), started,
                started.plusMillis(totals.millis()), counters.stats(), topErrors);
    }

    /** The counters' totals this report is built on. */
    public RunTotals totals() {
        return totals;
    }

    /** Estimated cost in USD from the price table. */
    public double cost() {
        return price.cost(totals.promptTokens(), totals.outputTokens(), thoughtsTokens);
    }

    /**
     * Estimated USD the answers taken from the store would have cost if sent again (their
     * tokens at this report's price).
     */
    public double saved() {
        RunTotals.StoreUse s = totals.store();
        return price.cost(s.promptTokens(), s.outputTokens(), s.thoughtsTokens());
    }

    /** report.json's text. */
    public String toJson() {
        return ReportJson.write(this);
    }

    /** report.html's text: one file, no network needed. */
    public String toHtml() {
        return ReportHtml.render(toJson());
    }

    /**
     * Writes report.json and report.html into {@code <outputPath>/_gembatch_report/} on any file
     * system Hadoop reaches (local, HDFS, S3A...); returns the folder.
     */
    public String writeUnder(String outputPath, Configuration hadoop) throws IOException {
        Path dir = new Path(outputPath, FOLDER);
        FileSystem fs = dir.getFileSystem(hadoop);
        write(fs, new Path(dir, "report.json"), toJson());
        write(fs, new Path(dir, "report.html"), toHtml());
        return dir.toString();
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The console summary: the totals line, rows by status, tokens and cost, latencies. */
    public String toTable() {
        StringBuilder t = new StringBuilder(totals.headline());
        t.append(String.format(Locale.ROOT, "%n  %-11s %9s %7s", "status", totals.unit(), "%"));
        long total = Math.max(1, totals.total());
        for (Status s : Status.values()) {
            if (totals.count(s) > 0) {
                t.append(String.format(Locale.ROOT, "%n  %-11s %,9d %6.1f%%", s.name(),
                        totals.count(s), 100.0 * totals.count(s) / total));
            }
        }
        t.append(String.format(Locale.ROOT, "%n  retries: %,d | tokens in: %,d, out: %,d,"
                        + " thoughts: %,d | estimated cost: $%.4f (%s)", totals.retries(),
                totals.promptTokens(), totals.outputTokens(), thoughtsTokens, cost(), model));
        t.append(String.format(Locale.ROOT, "%n  latency ms: %s | first token ms: %s",
                percentiles(stats.latency), percentiles(stats.ttft)));
        RunTotals.Recovery r = totals.recovery();
        t.append(String.format(Locale.ROOT, "%n  journaled: %,d | resumed: %,d | deduplicated: %,d"
                + " | re-sent: %,d", r.journaled(), r.resumed(), r.deduplicated(), r.resent()));
        if (totals.store().on()) {
            t.append(String.format(Locale.ROOT, "%n  from store: %,d | sent: %,d | saved ~$%.4f",
                    totals.store().fromStore(), totals.store().sent(), saved()));
        }
        totals.notes().forEach(note -> t.append(System.lineSeparator()).append("  ").append(note));
        return t.toString();
    }

    private static String percentiles(Histogram h) {
        if (h.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "p50 %,d p95 %,d p99 %,d max %,d", h.quantile(0.5),
                h.quantile(0.95), h.quantile(0.99), h.max());
    }

    String model() {
        return model;
    }

    Price price() {
        return price;
    }

    long thoughtsTokens() {
        return thoughtsTokens;
    }

    Instant started() {
        return started;
    }

    Instant finished() {
        return finished;
    }

    RunStats stats() {
        return stats;
    }

    int topErrors() {
        return topErrors;
    }
}
