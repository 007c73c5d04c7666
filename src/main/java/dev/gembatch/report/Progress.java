package dev.gembatch.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;

/**
 * The driver's progress line while a run writes: every interval it prints the live counters
 * (see {@link LiveCounters}); on a terminal it rewrites one line in place with {@code \r},
 * otherwise (a log, CI) it prints a plain line each time. Close it when the write returns.
 */
public final class Progress implements AutoCloseable {
    private final SparkContext sc;
    private final LiveCounters live;
    private final ScheduledExecutorService timer;
    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long reused;
    private final LongSupplier nanos;
    private final long started;
    private int lastLength;

    private Progress(SparkContext sc, RunCounters counters, long total, long reused,
                     PrintStream out, boolean terminal, LongSupplier nanos) {
        this.sc = sc;
        this.live = new LiveCounters(counters.liveMetrics());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gembatch-progress");
            t.setDaemon(true);
            return t;
        });
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.reused = reused;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /**
     * Starts printing every {@code interval} ({@code null} when the interval is zero: no line).
     * {@code totalRows} is what the run sends (the input row count, or in a resumed run the
     * requests left), negative when unknown; {@code reused} the rows a resumed run reuses.
     */
    public static Progress start(SparkContext sc, RunCounters counters, long totalRows,
                                 long reused, Duration interval, PrintStream out,
                                 boolean terminal) {
        if (interval.isZero()) {
            return null;
        }
        Progress p = new Progress(sc, counters, totalRows, reused, out, terminal,
                System::nanoTime);
        sc.addSparkListener(p.live);
        long ms = interval.toMillis();
        p.timer.scheduleAtFixedRate(p::print, ms, ms, TimeUnit.MILLISECONDS);
        return p;
    }

    /** The line as it would be printed now. */
    String line() {
        long elapsed = (nanos.getAsLong() - started) / 1_000_000;
        return new ProgressLine(live.snapshot(), total, elapsed, reused).text();
    }

    private synchronized void print() {
        String line = line();
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops the line (a terminal's line is cleared, the summary follows) and the listener. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sc.removeSparkListener(live);
        synchronized (this) {
            if (terminal && lastLength > 0) {
                out.print("\r" + " ".repeat(lastLength) + "\r");
                out.flush();
            }
        }
    }
}
