package dev.gembatch.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.job.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark (not a test) of issue 11: the same fault mix with adaptive concurrency on and off,
 * interleaved run by run, against one emulator JVM (10 chunks, 500 ms per stream). Every
 * {@code fail-every}-th row carries {@code [[gembatch:fail-503x1]]} (a 503 on its first attempt),
 * every {@code stall-every}-th row (offset so that none carries both) {@code [[gembatch:stallx1]]}
 * (its first attempt stalls after half its chunks until the job's idle timeout). Each run's
 * prompts carry the run number and setting, so every run meets the faults afresh, and each run
 * starts with a new client. {@code chaos} adds the emulator's random faults to every attempt
 * (503, 500, 429 with RetryInfo, cut, in-band 503, HTML 502, malformed; warm-up included). Args
 * (key=value): rows=400 concurrency=64 fail-every=20 stall-every=50 chaos=0 idle=10s runs=2
 * adaptive=true,false.
 */
public final class FaultMixBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultMixBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        System.out.println("load average at start: " + Report.load() + "; options " + o);
        Path dir = Files.createDirectories(Path.of("target", "bench-faults")).toAbsolutePath();
        SparkSession spark = BenchSpark.session();
        List<String> lines = new ArrayList<>();
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("--chunks", "10",
                "--first-byte-ms", "50", "--gap-ms", "50", "--chaos", o.get("chaos"), "--seed", "1"))) {
            run(spark, emulator, dir, o, 0, "false", 100); // warm-up, no faults
            for (int r = 1; r <= Integer.parseInt(o.get("runs")); r++) {
                for (String adaptive : o.get("adaptive").split(",")) {
                    String line = run(spark, emulator, dir, o, r, adaptive.trim(),
                            Integer.parseInt(o.get("rows")));
                    System.out.println(line);
                    lines.add(line);
                }
            }
        }
        System.out.println("\nload average at end: " + Report.load());
        lines.forEach(System.out::println);
        spark.stop();
    }

    private static String run(SparkSession spark, EmulatorProcess emulator, Path dir,
                              Map<String, String> o, int run, String adaptive, int rows)
            throws Exception {
        String tag = run + (adaptive.equals("true") ? "a" : "f");
        Path input = input(spark, dir, rows, tag, run == 0 ? 0 : Integer.parseInt(o.get("fail-every")),
                run == 0 ? 0 : Integer.parseInt(o.get("stall-every")));
        Path output = dir.resolve("out");
        Path job = Files.writeString(dir.resolve("job.conf"), String.format(
                "input.path = \"%s\"%nprompt.template = \"{{review_text}}\"%nmodel.name = %s%n"
                        + "output { path = \"%s\", mode = overwrite }%n"
                        + "gemini { base-url = \"%s\", api-key = emulator-key, concurrency = %s,"
                        + " adaptive-concurrency = %s, timeouts.idle = %s }%n",
                input, GembatchRun.MODEL, output, emulator.baseUrl(), o.get("concurrency"), adaptive,
                o.get("idle")));
        LimitProbe.freshClients();
        long sentBefore = totalRequests(emulator);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int exit;
        LimitProbe probe = LimitProbe.start(emulator);
        try {
            exit = Main.run(new String[] {job.toString(), "--set", "report.write-files=false"},
                    print, print);
        } finally {
            probe.close();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("gembatch exited " + exit + ":\n" + log);
        }
        long sent = totalRequests(emulator) - sentBefore;
        Row r = spark.read().parquet(output.toString()).agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col("status").equalTo("OK"), 1).otherwise(0)),
                functions.expr("percentile_approx(latency_ms, array(0.5, 0.95), 100000)"),
                functions.max("latency_ms")).first();
        List<Long> p = r.getList(2);
        return String.format("run %d adaptive=%s rows=%d ok=%d wall=%.1fs p50=%.1fs p95=%.1fs"
                        + " max=%.1fs requests=%d mean-open-streams=%.1f limit mean=%.1f min=%d"
                        + " final=%d load %s", run, adaptive, r.getLong(0), r.getLong(1), wall,
                p.get(0) / 1e3, p.get(1) / 1e3, r.getLong(3) / 1e3, sent, probe.meanOpenStreams(),
                probe.meanLimit(), probe.minLimit(), LimitProbe.limit(), Report.load());
    }

    /** {@code rows} distinct prompts tagged {@code run}, with the fault markers, in two files. */
    private static Path input(SparkSession spark, Path dir, int rows, String run, int failEvery,
                              int stallEvery) {
        Path path = dir.resolve("input-" + run);
        var id = functions.col("id");
        var marker = functions.lit("");
        if (failEvery > 0) {
            marker = functions.when(id.mod(failEvery).equalTo(failEvery / 3),
                            functions.lit(" [[gembatch:fail-503x1]]"))
                    .when(id.mod(stallEvery).equalTo(stallEvery / 4 + 1),
                            functions.lit(" [[gembatch:stallx1]]"))
                    .otherwise(functions.lit(""));
        }
        Dataset<Row> table = spark.range(rows).withColumn("review_text", functions.concat(
                functions.lit("Run " + run + ": the blender number "), id,
                functions.lit(" arrived late but works well."), marker));
        table.coalesce(2).write().mode(SaveMode.Overwrite).parquet(path.toString());
        return path;
    }

    private static long totalRequests(EmulatorProcess emulator) throws Exception {
        long total = 0;
        var byStatus = JSON.readTree(emulator.stats()).path("requestsByStatus");
        for (var n : (Iterable<com.fasterxml.jackson.databind.JsonNode>) byStatus::elements) {
            total += n.asLong();
        }
        return total;
    }

    private static Map<String, String> options(String[] args) {
        return BenchOptions.parse(args, Map.of("rows", "400", "concurrency", "64",
                "fail-every", "20", "stall-every", "50", "chaos", "0", "idle", "10s", "runs", "2",
                "adaptive", "true,false"));
    }
}
