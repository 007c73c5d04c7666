package dev.gembatch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.config.OutputMode;
import dev.gembatch.config.OutputSettings;
import dev.gembatch.job.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replace of a resumed output stopped after each step of its protocol (a stop is an
 * exception thrown by the step listener, where a kill would end the process), then recovered
 * as the next run starts: the folder holds the old output whole (a stop before the commit
 * marker) or the new one whole, every row exactly once, and nothing is left beside it.
 */
class FolderSwapTest extends SparkTestBase {
    @TempDir
    Path tmp;

    /** The stop a test injects. */
    private static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @EnumSource(FolderSwap.Step.class)
    void aReplaceStoppedAfterAnyStepIsFinishedOrRolledBackWhole(FolderSwap.Step stopAt)
            throws Exception {
        OutputSettings settings = OutputSettings.folder(tmp.resolve("out").toString(),
                OutputMode.RESUME, List.of(), "");
        new ParquetFolder(settings).write(rows(0, 6, "old"), settings.path());

        ParquetFolder stopping = new ParquetFolder(settings, (step, output) -> {
            if (step == stopAt) {
                throw new Stopped();
            }
        });
        Assertions.assertThrows(Stopped.class, () -> stopping.replace(spark(), rows(0, 10, "new")));
        String done = new ParquetFolder(settings).recover(spark());

        List<String> out = spark().read().parquet(settings.path()).as(Encoders.STRING())
                .collectAsList().stream().sorted().toList();
        boolean rolledBack = stopAt == FolderSwap.Step.STAGED;
        assertEquals(rolledBack ? expected(0, 6, "old") : expected(0, 10, "new"), out,
                "recovery said: " + done);
        Assertions.assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
        Assertions.assertFalse(Files.exists(tmp.resolve("out.gembatch-staging")));
        Assertions.assertFalse(Files.exists(tmp.resolve("out.gembatch-commit")));
        assertEquals(stopAt == FolderSwap.Step.DONE, done == null,
                "only a swap stopped after its last step leaves nothing to recover: " + done);
    }

    private Dataset<Row> rows(int from, int to, String tag) {
        return spark().createDataset(expected(from, to, tag), Encoders.STRING()).toDF("value");
    }

    private static List<String> expected(int from, int to, String tag) {
        return IntStream.range(from, to).mapToObj(i -> String.format("%s %02d", tag, i)).sorted()
                .collect(Collectors.toList());
    }
}
