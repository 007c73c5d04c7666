package dev.gembatch.bench.e2e;

import dev.gembatch.job.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark (not a test) of issue 16: the bill of one job of {@code rows} rows that share a
 * {@code shared}-token system instruction, priced from the emulator's usage (gemini-2.5-flash's
 * prices in reference.conf), at the standard tier, at Flex, and at Flex with the implicit cache
 * hits the emulator reports (cost_usd as the output bills it); plus what an explicit cache of the
 * instruction would cost (created once, read at the cached price, stored for the run's wall
 * time); the Flex job with an explicit context cache ({@code model.context-cache = on}: every
 * request names a cachedContents resource; billed as cost_usd plus the cache's creation at the
 * input price and its storage as the run's notes report it); and the wall time of the Flex job
 * when the emulator sheds {@code shed} of its attempts. Args (key=value): rows=10000 shared=6000
 * shed=0.2 concurrency=64 runs=standard,flex,flex-cache,shed (which runs, in that order).
 */
public final class BillBench {
    private static final double INPUT = 0.30;
    private static final double OUTPUT = 2.50;
    private static final double CACHED = 0.03;
    private static final double STORAGE_HOUR = 1.00;

    private BillBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        System.out.println("load average at start: " + Report.load() + "; options " + o);
        Path dir = Files.createDirectories(Path.of("target", "bench-bill")).toAbsolutePath();
        SparkSession spark = BenchSpark.session();
        Path input = input(spark, dir, Integer.parseInt(o.get("rows")));
        String system = "Label the item by topic. ".repeat(Integer.parseInt(o.get("shared")) * 4 / 25);
        List<String> runs = List.of(o.get("runs").split(","));
        try (EmulatorProcess calm = emulator("0")) {
            for (String tier : List.of("standard", "flex")) {
                if (runs.contains(tier)) {
                    print(spark, run(dir, input, system, calm, tier, "off", o), tier);
                }
            }
            if (runs.contains("flex-cache")) {
                Result cached = run(dir, input, system, calm, "flex", "on", o);
                print(spark, cached, "flex, explicit cache");
                System.out.println("  the run's cache: " + cached.cacheNote());
            }
        }
        if (runs.contains("shed")) {
            try (EmulatorProcess shedding = emulator(o.get("shed"))) {
                print(spark, run(dir, input, system, shedding, "flex", "off", o),
                        "flex, shed " + o.get("shed"));
            }
        }
        System.out.println("load average at end: " + Report.load());
        spark.stop();
    }

    private static EmulatorProcess emulator(String shed) throws Exception {
        return EmulatorProcess.start(List.of("--chunks", "2", "--first-byte-ms", "50",
                "--gap-ms", "20", "--flex-shed", shed, "--seed", "1"));
    }

    /**
     * Runs the job at {@code tier} with {@code model.context-cache = cache}; returns its output
     * folder, wall seconds and the run's note on its cache (tokens, time stored, storage cost).
     */
    private static Result run(Path dir, Path input, String system, EmulatorProcess emulator,
                              String tier, String cache, Map<String, String> o) throws Exception {
        Path output = dir.resolve("out-" + tier + "-cache-" + cache);
        Path job = Files.writeString(dir.resolve("job.conf"), String.format(
                "input.path = \"%s\"%nprompt.template = \"{{text}}\"%n"
                        + "prompt.system-instruction = \"%s\"%n"
                        + "model { name = gemini-2.5-flash, service-tier = %s, context-cache = %s }%n"
                        + "output { path = \"%s\", mode = overwrite }%n"
                        + "gemini { base-url = \"%s\", api-key = emulator-key, concurrency = %s }%n",
                input, system, tier, cache, output, emulator.baseUrl(), o.get("concurrency")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int exit = Main.run(new String[] {job.toString(), "--set", "report.write-files=false"},
                print, print);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("gembatch exited " + exit + ":\n" + log);
        }
        String note = log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("context cache cachedContents/")).findFirst()
                .orElse("none").strip();
        return new Result(output, wall, note);
    }

    private record Result(Path output, double wallSeconds, String cacheNote) {
    }

    private static void print(SparkSession spark, Result r, String label) {
        Row s = spark.read().parquet(r.output().toString()).agg(functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col("status").equalTo("OK"), 1)
                        .otherwise(0)),
                functions.sum("prompt_tokens"), functions.sum("output_tokens"),
                functions.sum(functions.coalesce(functions.col("thoughts_tokens"), functions.lit(0))),
                functions.sum(functions.coalesce(functions.col("cached_tokens"), functions.lit(0))),
                functions.sum("cost_usd"), functions.sum("attempts"),
                functions.first("service_tier"), functions.max("cached_tokens")).first();
        double factor = "flex".equals(s.getString(8)) ? 0.5 : 1.0;
        long prompt = s.getLong(2);
        long out = s.getLong(3) + s.getLong(4);
        long rows = s.getLong(0);
        double noCache = (prompt * INPUT + out * OUTPUT) / 1e6 * factor;
        long shared = s.isNullAt(9) ? 0 : s.getInt(9);
        double explicit = ((prompt - shared * rows) * INPUT + shared * rows * CACHED
                + shared * INPUT + out * OUTPUT) / 1e6 * factor
                + shared * STORAGE_HOUR / 1e6 * r.wallSeconds() / 3600;
        System.out.printf("%s: rows=%d ok=%d attempts=%d wall=%.1fs prompt=%,d (cached %,d)"
                        + " output+thoughts=%,d | no cache $%.4f | as billed (implicit hits) $%.4f"
                        + " | explicit cache of %,d tokens $%.4f | load %s%n", label, rows,
                s.getLong(1), s.getLong(7), r.wallSeconds(), prompt, s.getLong(5), out, noCache,
                s.getDouble(6), shared, explicit, loadQuietly());
    }

    private static String loadQuietly() {
        try {
            return Report.load();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@code rows} distinct short prompts in two Parquet files. */
    private static Path input(SparkSession spark, Path dir, int rows) {
        Path path = dir.resolve("input");
        Dataset<Row> table = spark.range(rows).withColumn("text", functions.concat(
                functions.lit("Item "), functions.col("id"), functions.lit(": a kettle that boils fast.")));
        table.coalesce(2).write().mode(SaveMode.Overwrite).parquet(path.toString());
        return path;
    }

    private static Map<String, String> options(String[] args) {
        return BenchOptions.parse(args, Map.of("rows", "10000", "shared", "6000",
                "shed", "0.2", "concurrency", "64", "runs", "standard,flex,flex-cache,shed"));
    }
}
