package dev.gembatch.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the clients at one in-flight count: a warm-up each (in process mode it builds gembatch's
 * jar and class-data archive if they are missing, and warms the file cache), then measured runs
 * interleaved.
 */
final class Runner {
    private final SparkSession spark;
    private final EmulatorProcess emulator;
    private final Path dir;
    private final List<String> clients;
    private final List<String> gembatchSets;
    private final List<String> baselineJavaOpts;

    /**
     * {@code gembatchSets}: extra {@code --set key=value} overrides of gembatch's job;
     * {@code baselineJavaOpts}: null runs every client in this JVM, else each run is a process of
     * its own ({@link ProcessRun}) and the baseline's JVM is started with these options.
     */
    Runner(SparkSession spark, EmulatorProcess emulator, Path dir, List<String> clients,
           List<String> gembatchSets, List<String> baselineJavaOpts) {
        this.spark = spark;
        this.emulator = emulator;
        this.dir = dir;
        this.clients = List.copyOf(clients);
        this.gembatchSets = List.copyOf(gembatchSets);
        this.baselineJavaOpts = baselineJavaOpts == null ? null : List.copyOf(baselineJavaOpts);
    }

    List<Measurement> measure(int inFlight, long rows, int runs, double latencyMs) throws Exception {
        Path input = BenchSpark.input(spark, dir, rows);
        Path warmUp = BenchSpark.input(spark, dir, inFlight * 4L);
        for (String client : clients) {
            System.out.println("warm-up " + run(client, warmUp, inFlight).line(latencyMs));
        }
        List<Measurement> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (String client : clients) {
                Measurement m = run(client, input, inFlight);
                System.out.println("run " + (i + 1) + " " + m.line(latencyMs) + " load " + Report.load());
                measured.add(m);
            }
        }
        return measured;
    }

    private Measurement run(String client, Path input, int inFlight) throws Exception {
        Path output = dir.resolve("out-" + client);
        List<String> sets = new ArrayList<>(gembatchSets);
        switch (client) {
            case "gembatch":
                break;
            case "gembatch-h2":
                sets.add("gemini.http-version = h2");
                break;
            case "google-genai":
                return baselineJavaOpts == null
                        ? BaselineRun.run(spark, emulator, input, output, inFlight)
                        : ProcessRun.baseline(spark, emulator, input, output, inFlight,
                                baselineJavaOpts);
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
        String[] overrides = sets.toArray(String[]::new);
        return baselineJavaOpts == null
                ? GembatchRun.run(client, spark, emulator, input, output, inFlight, overrides)
                : ProcessRun.gembatch(client, spark, emulator, input, output, inFlight, overrides);
    }
}
