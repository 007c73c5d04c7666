package dev.gembatch.bench.e2e;

import dev.gembatch.job.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Runs one gembatch job through its real command line ({@link Main#run}) on the benchmark's
 * Spark session, then checks the output it wrote.
 */
final class GembatchRun {
    static final String MODEL = "gemini-2.5-flash";
    static final String PROMPT_PREFIX = "Label this review as positive or negative: ";

    private GembatchRun() {
    }

    /** Answers every row of {@code input} with {@code inFlight} requests in flight; timed, labelled {@code client}. */
    static Measurement run(String client, SparkSession spark, EmulatorProcess emulator, Path input,
                           Path output, int inFlight, String... sets) throws IOException {
        String[] args = arguments(jobFile(emulator, input, output, inFlight), sets);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        double cpu0 = BenchSpark.cpuSeconds();
        double emu0 = emulator.cpuSeconds();
        long t0 = System.nanoTime();
        int exit = Main.run(args, print, print);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchSpark.cpuSeconds() - cpu0;
        double emu = emulator.cpuSeconds() - emu0;
        Files.write(output.resolveSibling(output.getFileName() + "-" + System.currentTimeMillis()
                + ".log"), log.toByteArray());
        if (exit != 0) {
            throw new IllegalStateException("gembatch exited " + exit + ":\n" + log.toString(StandardCharsets.UTF_8));
        }
        return checked(spark, output, client, inFlight, wall, cpu, emu);
    }

    /** The benchmark's job file for {@code output}: defaults on, {@code inFlight} in flight. */
    static Path jobFile(EmulatorProcess emulator, Path input, Path output, int inFlight)
            throws IOException {
        String job = String.format(
                "input.path = \"%s\"%nprompt.template = \"%s{{review_text}}\"%nmodel.name = %s%n"
                        + "output { path = \"%s\", mode = overwrite }%n"
                        + "gemini { base-url = \"%s\", api-key = emulator-key,"
                        + " concurrency = %d }%n",
                input, PROMPT_PREFIX, MODEL, output, emulator.baseUrl(), inFlight);
        return Files.writeString(output.resolveSibling(output.getFileName() + ".conf"), job);
    }

    /** gembatch's command-line arguments: the job file, then {@code --set} for each override. */
    static String[] arguments(Path job, String... sets) {
        String[] args = new String[1 + 2 * sets.length];
        args[0] = job.toString();
        for (int i = 0; i < sets.length; i++) {
            args[1 + 2 * i] = "--set";
            args[2 + 2 * i] = sets[i];
        }
        return args;
    }

    /**
     * Reads the output back: rows, OK rows, the mean latency_ms column, and the steady rate: the
     * middle 80 % of rows divided by the time between the 10th and 90th percentile completions.
     */
    static Measurement checked(SparkSession spark, Path output, String client, int inFlight,
                               double wall, double cpu, double emulatorCpu) {
        Dataset<Row> out = spark.read().parquet(output.toString());
        Row r = out.agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col("status").equalTo("OK"), 1).otherwise(0)),
                functions.avg("latency_ms"), functions.expr("percentile_approx(cast(completed_at as double),"
                        + " array(0.1, 0.9), 1000000)")).first();
        List<Double> p = r.getList(3);
        double steady = 0.8 * r.getLong(0) / (p.get(1) - p.get(0));
        return new Measurement(client, inFlight, r.getLong(0), r.getLong(1), wall, cpu, emulatorCpu,
                r.getDouble(2), steady);
    }
}
