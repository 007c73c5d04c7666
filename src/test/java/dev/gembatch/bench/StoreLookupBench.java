package dev.gembatch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.md5;

import dev.gembatch.config.StoreSettings;
import dev.gembatch.output.ResultSchema;
import dev.gembatch.store.AnswerStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The cost of an answer store lookup (docs/BENCHMARKS.md, "Answer store lookup"): commits N
 * synthetic answers (default 1,000,000; ~300 characters of answer each) to a fresh store on local
 * disk, then times opening the store and looking up a night's requests: R request ids of which
 * half are stored (default 10,000 and 1,000,000). {@code jobs/bench store [N] [R]...}
 */
public final class StoreLookupBench {
    private static final String MODEL = "gemini-2.5-flash";

    private StoreLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        long stored = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        List<Long> lookups = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            lookups.add(Long.parseLong(args[i]));
        }
        if (lookups.isEmpty()) {
            lookups = List.of(10_000L, 1_000_000L);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("store-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        Path dir = Files.createTempDirectory("gembatch-store-bench");
        StoreSettings settings = new StoreSettings(dir.resolve("store").toString(),
                Duration.ZERO, Map.of(), 1L << 30);
        System.out.println("load average at start: " + load());
        long t = System.nanoTime();
        AnswerStore writer = AnswerStore.open(spark, settings, "bench");
        long committed = writer.commit(output(spark, stored, writer.runId()),
                List.of(new AnswerStore.Source("", MODEL)));
        System.out.printf(Locale.ROOT, "commit of %,d answers: %.1f s (%,d bytes on disk)%n",
                committed, secs(t), size(dir));
        for (long n : lookups) {
            for (int round = 0; round < 3; round++) {
                t = System.nanoTime();
                AnswerStore store = AnswerStore.open(spark, settings, "bench");
                double open = secs(t);
                Dataset<Row> requests = spark.range(stored - n / 2, stored + n / 2)
                        .select(md5(col("id").cast("string")).as("request_id"));
                long hits = store.hits(requests, "request_id", MODEL).count();
                System.out.printf(Locale.ROOT, "lookup of %,d requests in %,d stored: open %.2f s,"
                        + " lookup %.1f s, %,d hits%n", n, stored, open, secs(t) - open, hits);
            }
        }
        System.out.println("load average at end: " + load());
        spark.stop();
    }

    /** {@code n} OK answers of this run, as the output's result and store columns. */
    private static Dataset<Row> output(SparkSession spark, long n, String run) {
        StructType schema = AnswerStore.appendColumns(ResultSchema.appendTo(new StructType(), ""),
                "");
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            Column c = switch (f.name()) {
                case "request_id" -> md5(col("id").cast("string"));
                case "answer" -> concat(lit("Stored answer number "), col("id"), lit(": "
                        + "a summary of the document in about three hundred characters, ".repeat(4)));
                case "status" -> lit("OK");
                case "prompt_tokens" -> lit(40);
                case "output_tokens" -> lit(75);
                case "from_store" -> lit(false);
                case "store_run_id" -> lit(run);
                default -> lit(null);
            };
            columns.add(c.cast(f.dataType()).as(f.name()));
        }
        return spark.range(n).select(columns.toArray(Column[]::new));
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
