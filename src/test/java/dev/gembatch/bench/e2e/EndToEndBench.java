package dev.gembatch.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (not a test): gembatch and the google-genai baseline against one emulator JVM (10
 * chunks, first byte at 50 ms, then one every 50 ms: 500 ms per stream) on local[2], at each
 * in-flight count, interleaved run by run. Args (key=value): inflight=64,256,1024 runs=3
 * seconds=20 (nominal duration of a run: rows = in-flight ÷ 0.5 s × seconds) first-byte-ms=50
 * gap-ms=50 chunks=10 clients=gembatch,google-genai gembatch-sets= (';'-separated job overrides
 * for gembatch, e.g. {@code gembatch-sets=pipeline.dedupe=false}) tls=false (true: the emulator
 * serves HTTPS with the test certificate, which this JVM trusts; client {@code gembatch-h2} is
 * gembatch with {@code gemini.http-version = h2}, {@code gembatch} speaks HTTP/1.1 to it)
 * process=false (true: each run is a whole process, measured from command to exit:
 * gembatch's {@code jobs/run}, the baseline's {@code java} started with baseline-java-opts=-Xmx2g;
 * see {@link ProcessRun}).
 */
public final class EndToEndBench {
    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        long firstByte = Long.parseLong(o.get("first-byte-ms"));
        long gap = Long.parseLong(o.get("gap-ms"));
        int chunks = Integer.parseInt(o.get("chunks"));
        double latencyMs = firstByte + (chunks - 1) * gap;
        List<String> emulatorArgs = new ArrayList<>(List.of("--chunks", "" + chunks,
                "--first-byte-ms", "" + firstByte, "--gap-ms", "" + gap));
        Path dir = Files.createDirectories(Path.of("target", "bench-e2e")).toAbsolutePath();
        if (Boolean.parseBoolean(o.get("tls")) && Boolean.parseBoolean(o.get("process"))) {
            throw new IllegalArgumentException("tls=true runs in this JVM only: a process of its"
                    + " own would not trust the test certificate");
        }
        if (Boolean.parseBoolean(o.get("tls"))) {
            emulatorArgs.addAll(List.of("--tls", LoopbackTls.trustItIn(dir).toString()));
        }
        System.out.println("load average at start: " + Report.load() + "; options " + o);
        List<Measurement> runs = new ArrayList<>();
        SparkSession spark = BenchSpark.session();
        try (EmulatorProcess emulator = EmulatorProcess.start(emulatorArgs)) {
            Runner runner = new Runner(spark, emulator, dir, clients(o), o.get("gembatch-sets")
                    .isEmpty() ? List.of() : List.of(o.get("gembatch-sets").split(";")),
                    Boolean.parseBoolean(o.get("process"))
                            ? List.of(o.get("baseline-java-opts").trim().split("\\s+")) : null);
            for (String n : o.get("inflight").split(",")) {
                int inFlight = Integer.parseInt(n.trim());
                long rows = Math.round(inFlight / (latencyMs / 1000) * Double.parseDouble(o.get("seconds")));
                runs.addAll(runner.measure(inFlight, rows, Integer.parseInt(o.get("runs")), latencyMs));
            }
            JsonNode stats = new ObjectMapper().readTree(emulator.stats());
            System.out.println("emulator: " + stats.path("connections") + " connections; requests by"
                    + " protocol " + stats.path("requestsByProtocol"));
        }
        Report report = new Report(runs, latencyMs);
        System.out.println("\nload average at end: " + Report.load()
                + String.format("; nominal stream latency %.0f ms%n", latencyMs));
        System.out.println(report.table());
        System.out.println(report.ratios());
        spark.stop();
    }

    private static List<String> clients(Map<String, String> o) {
        return Arrays.stream(o.get("clients").split(",")).map(String::trim).toList();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> defaults = new LinkedHashMap<>(Map.of("inflight", "64,256,1024",
                "runs", "3", "seconds", "20", "first-byte-ms", "50", "gap-ms", "50", "chunks", "10",
                "clients", "gembatch,google-genai", "gembatch-sets", "", "tls", "false"));
        defaults.putAll(Map.of("process", "false", "baseline-java-opts", "-Xmx2g"));
        return BenchOptions.parse(args, defaults);
    }
}
