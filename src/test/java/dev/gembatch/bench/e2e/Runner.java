package dev.gembatch.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs the clients at one in-flight count: a warm-up each, then measured runs interleaved. */
final class Runner {
    private final SparkSession spark;
    private final EmulatorProcess emulator;
    private final Path dir;
    private final List<String> clients;
    private final List<String> gembatchSets;

    /** {@code gembatchSets}: extra {@code --set key=value} overrides of gembatch's job. */
    Runner(SparkSession spark, EmulatorProcess emulator, Path dir, List<String> clients,
           List<String> gembatchSets) {
        this.spark = spark;
        this.emulator = emulator;
        this.dir = dir;
        this.clients = List.copyOf(clients);
        this.gembatchSets = List.copyOf(gembatchSets);
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
        switch (client) {
            case "gembatch":
                return GembatchRun.run(client, spark, emulator, input, output, inFlight,
                        gembatchSets.toArray(String[]::new));
            case "gembatch-h2": {
                List<String> sets = new ArrayList<>(gembatchSets);
                sets.add("gemini.http-version = h2");
                return GembatchRun.run(client, spark, emulator, input, output, inFlight,
                        sets.toArray(String[]::new));
            }
            case "google-genai":
                return BaselineRun.run(spark, emulator, input, output, inFlight);
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }
}
