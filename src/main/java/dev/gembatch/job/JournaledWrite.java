package dev.gembatch.job;

import dev.gembatch.config.JobSettings;
import dev.gembatch.config.OutputMode;
import dev.gembatch.output.Journal;
import dev.gembatch.output.KnownAnswers;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.pipeline.DedupedAnswers;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.report.RunCounters;
import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The write of a deduplicated, journaled run: reads what a resumed run already has, writes the
 * complete output in one action (through a staging folder when it replaces an output it reads),
 * then clears the journal.
 */
final class JournaledWrite {
    private JournaledWrite() {
    }

    static void run(SparkSession spark, JobSettings job, Dataset<Row> input, RowPlan plan,
                    RunCounters counters, OutputTarget target, StructType outSchema)
            throws IOException {
        Journal journal = Journal.forOutput(job.output().path(), job.journal(),
                spark.sparkContext().hadoopConfiguration());
        OutputMode mode = job.output().mode();
        boolean resumes = mode == OutputMode.RESUME || mode == OutputMode.RETRY_FAILED;
        Dataset<Row> known = resumes ? KnownAnswers.read(spark, job.output(), journal) : null;
        Dataset<Row> output = DedupedAnswers.plan(input, plan, counters, journal, known,
                partitions(job, input), outSchema);
        if (resumes && KnownAnswers.isComplete(spark, job.output().path())) {
            target.replace(spark, output);
        } else {
            target.write(output);
        }
        journal.clear();
    }

    private static int partitions(JobSettings job, Dataset<Row> input) {
        int configured = job.spark().partitions();
        return configured > 0 ? configured : Math.max(1, input.rdd().getNumPartitions());
    }
}
