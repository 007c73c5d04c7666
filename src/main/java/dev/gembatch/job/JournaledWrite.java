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
 * A deduplicated, journaled run: reads what a resumed run already has, plans the answers, writes
 * the complete output in one action (through a staging folder when it replaces an output it
 * reads), then clears the journal.
 */
final class JournaledWrite {
    private final JobSettings job;
    private final Journal journal;
    private final boolean resumes;
    private final Dataset<Row> known;

    private JournaledWrite(JobSettings job, Journal journal, boolean resumes,
                           Dataset<Row> known) {
        this.job = job;
        this.journal = journal;
        this.resumes = resumes;
        this.known = known;
    }

    static JournaledWrite open(SparkSession spark, JobSettings job) throws IOException {
        Journal journal = Journal.forOutput(job.output().path(), job.journal(),
                spark.sparkContext().hadoopConfiguration());
        OutputMode mode = job.output().mode();
        boolean resumes = mode == OutputMode.RESUME || mode == OutputMode.RETRY_FAILED;
        return new JournaledWrite(job, journal, resumes,
                resumes ? KnownAnswers.read(spark, job.output(), journal) : null);
    }

    /** The answered rows of {@code valid} (output schema), sending only what is not known. */
    Dataset<Row> answer(Dataset<Row> valid, RowPlan plan, RunCounters counters,
                        StructType outSchema) {
        int configured = job.spark().partitions();
        int partitions = configured > 0 ? configured : Math.max(1, valid.rdd().getNumPartitions());
        return DedupedAnswers.plan(valid, plan, counters, journal, known, partitions, outSchema);
    }

    /** Writes the output (the one action), then clears the journal. */
    void write(SparkSession spark, OutputTarget target, Dataset<Row> output) throws IOException {
        if (resumes && KnownAnswers.isComplete(spark, job.output().path())) {
            target.replace(spark, output);
        } else {
            target.write(output);
        }
        journal.clear();
    }
}
