package dev.gembatch.bench.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The benchmark's Spark side: a local[2] session bound to loopback (the driver JVM is the
 * executor), the generated input table, and this JVM's CPU clock.
 */
final class BenchSpark {
    private BenchSpark() {
    }

    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("gembatch-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /**
     * Writes {@code rows} rows (id, review_text; every prompt distinct) as Parquet in two files,
     * so Spark reads them as two partitions, one per core.
     */
    static Path input(SparkSession spark, Path dir, long rows) {
        Path path = dir.resolve("input-" + rows);
        Dataset<Row> table = spark.range(rows).withColumn("review_text", functions.concat(
                functions.lit("The blender number "), functions.col("id"),
                functions.lit(" arrived late but works well; the lid is a bit loose.")));
        table.coalesce(2).write().mode(SaveMode.Overwrite).parquet(path.toString());
        return path;
    }

    /** CPU seconds this JVM has used so far (all threads). */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
