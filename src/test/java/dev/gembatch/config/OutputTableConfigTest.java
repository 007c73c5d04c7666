package dev.gembatch.config;

import static dev.gembatch.config.JobFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code output.table}: exactly one of path and table, modes that fit a table, append-new only
 * with a stable row key, table keys only with a table, and table names Spark SQL can read, each
 * mistake reported with its key and line.
 */
class OutputTableConfigTest {
    /** VALID with its output.path (line 4) replaced by a table. */
    private static final String TABLE_JOB = JobFiles.VALID.replace("output.path = out",
            "output.table = lake.nightly.labels");
    @RegisterExtension
    final JobFiles jobs = new JobFiles();

    @Test
    void aTableJobReadsItsTableSettings() throws Exception {
        Path file = jobs.write(TABLE_JOB + "output { mode = append-new, table-provider = delta,"
                + " table-state-path = \"hdfs:///gembatch/state\" }\ninput.id-column = id\n");
        OutputSettings output = JobConfig.load(file, null, List.of(), JobFiles.ENV).output();
        assertNull(output.path());
        assertEquals(new TableSettings("lake.nightly.labels", "delta", "hdfs:///gembatch/state"),
                output.table());
        assertEquals(OutputMode.APPEND_NEW, output.mode());
    }

    @Test
    void aTableAndAPathTogetherAreOneProblemOnTheTableKey() {
        assertProblem(jobs.problems("output.table = lake.nightly.labels\n"),
                "output.table " + jobs.at(5), "set exactly one of output.path (a Parquet folder)"
                        + " and output.table (a catalog table)");
    }

    @Test
    void neitherPathNorTableIsAMissingOutput() {
        Path file = jobs.write(JobFiles.VALID.replace("output.path = out\n", ""));
        List<String> problems = assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(file, null, List.of(), JobFiles.ENV)).problems();
        assertProblem(problems, "output.path (", "required, not set: set output.path (a Parquet"
                + " folder) or output.table (a catalog table)");
    }

    @Test
    void aTableTakesOnlyTheModesItCanHonour() {
        assertProblem(tableProblems("output.mode = append\n"), "output.mode " + jobs.at(5),
                "must be error-if-exists, overwrite or append-new with output.table");
        assertProblem(tableProblems("output.mode = resume\n"), "output.mode " + jobs.at(5),
                "with output.table");
    }

    @Test
    void appendNewNeedsATableAndAnIdColumn() {
        assertProblem(jobs.problems("output.mode = append-new\ninput.id-column = id\n"),
                "output.mode " + jobs.at(5), "append-new writes a catalog table: set"
                        + " output.table instead of output.path");
        assertProblem(tableProblems("output.mode = append-new\n"), "output.mode " + jobs.at(5),
                "append-new needs input.id-column, the stable row key");
    }

    @Test
    void tableKeysWithoutATableAreRefused() {
        List<String> problems = jobs.problems("output.table-state-path = state\n"
                + "output.table-provider = delta\n");
        assertProblem(problems, "output.table-state-path " + jobs.at(5),
                "is used only with output.table");
        assertProblem(problems, "output.table-provider " + jobs.at(6),
                "is used only with output.table");
    }

    @Test
    void aMalformedTableNameIsRefusedWithWhatIsWrong() {
        assertProblem(tableProblems("output.table = \"lake..labels\"\n"),
                "output.table " + jobs.at(5), "must be a table name such as"
                        + " catalog.namespace.table (a part of the name is empty)");
        assertProblem(tableProblems("output.table = \"lake.`nightly.labels\"\n"),
                "output.table " + jobs.at(5), "a backtick is not closed");
    }

    @Test
    void backticksQuoteDotsAndBackticksInAPart() {
        TableName name = TableName.parse("lake.`my.db`.`odd``name`");
        assertEquals(List.of("lake", "my.db", "odd`name"), name.parts());
        assertEquals("`lake`.`my.db`.`odd``name`", name.quoted());
        assertEquals(name, TableName.parse(name.quoted()));
    }

    private List<String> tableProblems(String extraLines) {
        Path file = jobs.write(TABLE_JOB + extraLines);
        return assertThrows(InvalidConfigException.class,
                () -> JobConfig.load(file, null, List.of(), JobFiles.ENV)).problems();
    }
}
