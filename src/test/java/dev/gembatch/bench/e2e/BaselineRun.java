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
        Dataset<Row> rows = spark.read().parquet(input.toString());
        rows.mapPartitions(new GenaiPartition(emulator.baseUrl(), inFlight), Encoders.row(OUTPUT))
                .write().mode(SaveMode.Overwrite).parquet(output.toString());
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchSpark.cpuSeconds() - cpu0;
        double emu = emulator.cpuSeconds() - emu0;
        return GembatchRun.checked(spark, output, "google-genai", inFlight, wall, cpu, emu);
    }
}
