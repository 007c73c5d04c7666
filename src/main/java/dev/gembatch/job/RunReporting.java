package dev.gembatch.job;

import dev.gembatch.config.JobSettings;
import dev.gembatch.config.Price;
import dev.gembatch.config.ReportSettings;
import dev.gembatch.input.InputRows;
import dev.gembatch.report.Progress;
import dev.gembatch.report.RunCounters;
import dev.gembatch.report.RunReport;
import dev.gembatch.report.RunTotals;
import dev.gembatch.reuse.JournaledRun;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The job's reporting around the write: the progress line while it runs (total = the input's
 * row count, one cheap count of the input before anything is sent, never an action on the
 * answering plan; in a resumed run the requests left to send) and, once the write has
 * succeeded, the run report and its files.
 */
final class RunReporting {
    /** Spark's default executor heartbeat; the progress interval only ever lowers it. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private RunReporting() {
    }

    /**
     * The progress line, or null when {@code report.progress-interval} is 0. A resumed or
     * retry-failed run ({@code reuse} not null) says first what it reuses and counts only the
     * requests it sends, so its rate and ETA are those of this run.
     */
    static Progress progress(SparkSession spark, JobSettings job, InputRows input,
                             RunCounters counters, JournaledRun.Reuse reuse, PrintStream out) {
        if (reuse != null) {
            out.printf(Locale.ROOT, "gembatch: %s: %,d rows reuse the answers of the earlier run"
                    + " (output and journal); %,d requests to send%n",
                    job.output().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    reuse.reusedRows(), reuse.requestsToSend());
        }
        Duration interval = job.report().progressInterval();
        if (interval.isZero()) {
            return null;
        }
        long total = reuse != null ? reuse.requestsToSend()
                : input.rows() * job.answers().size();
        boolean terminal = System.console() != null && out == System.out;
        return Progress.start(spark.sparkContext(), counters, total,
                reuse == null ? 0 : reuse.reusedRows(), interval, out, terminal);
    }

    /** The heartbeat interval that carries live counters often enough for the progress line. */
    static String heartbeat(ReportSettings report) {
        Duration d = report.progressInterval();
        return (d.isZero() || d.compareTo(HEARTBEAT) > 0 ? HEARTBEAT : d).toMillis() + "ms";
    }

    /**
     * The report of the finished run; its files are written under {@code place} (the output
     * folder, or a table's state folder) when the job asks for them.
     */
    static RunReport report(SparkSession spark, JobSettings job, RunCounters counters,
                            RunTotals totals, Instant started, String place, PrintStream out) {
        ReportSettings settings = job.report();
        List<String> models = job.answers().stream().map(a -> a.model().name()).distinct()
                .toList();
        RunReport report = RunReport.of(counters, totals, priced(job, models),
                dearest(job, models), started, settings.topErrors());
        if (settings.writeFiles()) {
            try {
                report.writeUnder(place,
                        spark.sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                out.println("gembatch: the output is complete but the report files could not"
                        + " be written: " + e.getMessage());
            }
        }
        return report;
    }

    /** The models, each the price table lacks marked as priced at the default (said once). */
    private static String priced(JobSettings job, List<String> models) {
        return models.stream().map(m -> job.pricing().prices(m) ? m
                : m + ", not in the price table: priced at pricing.default")
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /**
     * The price the report's cost uses: the model's, or in a spreadsheet job with several models
     * the dearest of them (the cost is then an upper bound).
     */
    private static Price dearest(JobSettings job, List<String> models) {
        return models.stream().map(job.pricing()::forModel)
                .max(Comparator.comparingDouble(p -> p.inputPerMillion() + p.outputPerMillion()
                        + p.thoughtsPerMillion())).orElseThrow();
    }
}
