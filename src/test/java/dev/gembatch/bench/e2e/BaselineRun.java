package dev.gembatch.bench.e2e;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The baseline job a user writes without gembatch: read the input, mapPartitions with the
 * google-genai SDK on a fixed thread pool, write Parquet; timed the same way as gembatch.
 */
final class BaselineRun {
    private static final StructType OUTPUT = new StructType()
            .add("id", DataTypes.LongType).add("review_text", DataTypes.StringType)
            .add("answer", DataTypes.StringType).add("finish_reason", DataTypes.StringType)
            .add("prompt_tokens", DataTypes.IntegerType).add("output_tokens", DataTypes.IntegerType)
            .add("status", DataTypes.StringType).add("latency_ms", DataTypes.LongType)
            .add("completed_at", DataTypes.TimestampType);

    private BaselineRun() {
    }

    static Measurement run(SparkSession spark, EmulatorProcess emulator, Path input, Path output,
                           int inFlight) throws Exception {
        double cpu0 = BenchSpark.cpuSeconds();
        double emu0 = emulator.cpuSeconds();
        long t0 = System.nanoTime();
        write(spark, emulator.baseUrl(), input, output, inFlight);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchSpark.cpuSeconds() - cpu0;
        double emu = emulator.cpuSeconds() - emu0;
        return GembatchRun.checked(spark, output, "google-genai", inFlight, wall, cpu, emu);
    }

    private static void write(SparkSession spark, String baseUrl, Path input, Path output,
                              int inFlight) {
        Dataset<Row> rows = spark.read().parquet(input.toString());
        rows.mapPartitions(new GenaiPartition(baseUrl, inFlight), Encoders.row(OUTPUT))
                .write().mode(SaveMode.Overwrite).parquet(output.toString());
    }

    /**
     * The baseline as a whole process, as {@code spark-submit} would start the user's job: its
     * own local[2] session on loopback with Spark's defaults (the UI on, as gembatch's runs have
     * it). Args: the emulator's base URL, the input, the output, rows in flight.
     */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]")
                .appName("google-genai-baseline").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            write(spark, args[0], Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        } finally {
            spark.stop();
        }
    }
}
