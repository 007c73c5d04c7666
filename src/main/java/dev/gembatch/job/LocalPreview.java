package dev.gembatch.job;

import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.StoreSettings;
import dev.gembatch.input.FirstRows;
import dev.gembatch.input.InputColumns;
import dev.gembatch.input.InputTable;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.report.RunCounters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code --preview N} without Spark, when the input allows it: one local CSV file whose first N
 * rows Spark would only read ({@link InputTable#firstRows}), for a job writing a folder and
 * keeping nothing ({@code --preview-output} unset). The rows are read in this JVM, answered here
 * through the executors' own answering ({@link AnswerChain#answerHere}), checked and printed as
 * {@link Preview} checks and prints them; no Spark context is started, the start a preview waits
 * for (docs/BENCHMARKS.md, section 13). Any other preview is {@link Preview}'s, on Spark.
 */
final class LocalPreview {
    private static final String SPARK_HADOOP = "spark.hadoop.";

    private LocalPreview() {
    }

    /** Previews the job and returns true, or returns false having sent nothing: Spark's turn. */
    static boolean run(JobSettings settings, GeminiSettings gemini, int rows, Path outputPath,
                       PrintStream out) throws InvalidInputException {
        if (outputPath != null || settings.output().table() != null) {
            return false;
        }
        long start = System.nanoTime();
        JobSettings job = settings.toBuilder().store(StoreSettings.OFF).build(); // see STORE.md
        Configuration conf = hadoopConfiguration(job);
        FirstRows first = InputTable.firstRows(conf, job.input(), rows);
        if (first == null) {
            return false;
        }
        InputColumns.check(first.schema(), job, Gembatch.resultColumns(job));
        StructType outSchema = AnswerChain.outputSchema(first.schema(), job);
        List<Row> answered = Preview.inInputOrder(first.rows(), AnswerChain.answerHere(
                first.rows(), first.schema(), job, gemini, conf, RunCounters.local()));
        Preview.print(job, first.schema(), outSchema, answered, out);
        Preview.summary(answered.size(), rows, start, null, out);
        return true;
    }

    /** Hadoop's configuration with the job's {@code spark.hadoop.*} settings, as Spark makes it. */
    private static Configuration hadoopConfiguration(JobSettings job) {
        Configuration conf = new Configuration();
        job.spark().conf().forEach((key, value) -> {
            if (key.startsWith(SPARK_HADOOP)) {
                conf.set(key.substring(SPARK_HADOOP.length()), value);
            }
        });
        return conf;
    }
}
