package dev.gembatch.output;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * The process {@link FolderSwapKillIT} kills: {@code replace OUT STEP REACHED} writes an output
 * of 6 rows, then replaces it with 10 rows and, once the swap has done STEP, creates the file
 * REACHED and waits to be killed; {@code recover OUT} recovers the folder as a run starting on
 * it does and prints its rows ({@code row <value>}).
 */
public final class FolderSwapChild {
    private FolderSwapChild() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("swap-child")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        OutputSettings settings = OutputSettings.folder(args[1], OutputMode.RESUME, List.of(),
                "");
        if (args[0].equals("recover")) {
            System.out.println("recovered: " + new ParquetFolder(settings).recover(spark));
            spark.read().parquet(args[1]).as(Encoders.STRING()).collectAsList().stream().sorted()
                    .forEach(v -> System.out.println("row " + v));
            spark.stop();
            return;
        }
        new ParquetFolder(settings).write(spark.createDataset(rows("old", 6), Encoders.STRING())
                .toDF("value"), args[1]);
        FolderSwap.Step stopAt = FolderSwap.Step.valueOf(args[2]);
        new ParquetFolder(settings, (step, output) -> {
            if (step == stopAt) {
                Files.writeString(Path.of(args[3]), step.name());
                Object never = new Object();
                synchronized (never) {
                    while (true) {
                        try {
                            never.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        }).replace(spark, spark.createDataset(rows("new", 10), Encoders.STRING()).toDF("value"));
    }

    static List<String> rows(String tag, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s %02d", tag, i)).toList();
    }
}
