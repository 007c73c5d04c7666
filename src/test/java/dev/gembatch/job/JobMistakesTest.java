package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import org.junit.jupiter.api.Assertions;

import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of mistake a user makes gets its own message and exit code 2, and sends nothing
 * (the emulator's request count stays zero); a systemic failure (bad key) aborts with code 3.
 */
class JobMistakesTest extends SparkTestBase {
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.defaults());

    @TempDir
    Path tmp;
    private Path job;

    @BeforeEach
    void writeJob() throws Exception {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, "id,text\n1,hello\n2,world\n3,again\n4,more\n",
                StandardCharsets.UTF_8);
        job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"gemini-2.5-flash\"",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.master = \"local[2]\""));
    }

    /** Set by the tests that are meant to send requests. */
    private boolean sendsRequests;

    @AfterEach
    void nothingWasSent() {
        if (!sendsRequests) {
            assertEquals(0, fixture.emulator.stats().totalRequests(),
                    () -> fixture.emulator.stats().toJson());
        }
    }

    @Test
    void misspelledKeyIsNamedWithTheNearestValidKey() {
        JobFixture.Run r = fixture.run(job, "gemini.concurency=4").expect(2);
        Assertions.assertTrue(r.err().contains("gemini.concurency"), r.err());
        Assertions.assertTrue(r.err().contains("gemini.concurrency"), r.err());
    }

    @Test
    void templateColumnMissingFromTheInputIsReportedWithTheColumns() {
        JobFixture.Run r = fixture.run(job, "prompt.template=\"Say: {{txt}}\"").expect(2);
        Assertions.assertTrue(r.err().contains("prompt.template (--set prompt.template):"
                + " column 'txt' is"
                + " not in the input"), r.err());
        Assertions.assertTrue(r.err().contains("id, text"), r.err());
    }

    @Test
    void misspeltTemplateColumnSuggestsTheNearestInputColumn() {
        JobFixture.Run r = fixture.run(job, "prompt.template=\"Say: {{txet}}\"").expect(2);
        Assertions.assertTrue(r.err().contains("column 'txet' is not in the input; did you mean"
                + " 'text'?"), r.err());
    }

    @Test
    void inputAndOutputProblemsComeInOneMessage() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        JobFixture.Run r = fixture.run(job, "prompt.template=\"Say: {{txet}}\"").expect(2);
        Assertions.assertTrue(r.err().contains("column 'txet' is not in the input"), r.err());
        Assertions.assertTrue(r.err().contains("already exists"), "the output's problem too: "
                + r.err());
        JobFixture.Run dry = fixture.command(job, "--dry-run", "--set",
                "prompt.template=\"Say: {{txet}}\"").expect(2);
        Assertions.assertTrue(dry.err().contains("txet") && dry.err().contains("already exists"),
                dry.err());
    }

    /**
     * Issue 13 item 5: a settings mistake, a misspelt column and an output that exists come in
     * one message (a run used to stop at the settings), and the column's problem names the file
     * and line of the template that reads it, as a key's problem does.
     */
    @Test
    void settingsColumnAndOutputProblemsComeInOneMessageWithTheTemplatesLine() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Path misspelt = JobFixture.jobFile(tmp, "misspelt.conf", Files.readString(job)
                .replace("{{text}}", "{{txet}}"));
        JobFixture.Run r = fixture.run(misspelt, "gemini.concurency=4").expect(2);
        Assertions.assertTrue(r.err().contains("Invalid job configuration (3 problems)"), r.err());
        Assertions.assertTrue(r.err().contains("gemini.concurency (--set gemini.concurency):"
                + " unknown key"), r.err());
        Assertions.assertTrue(r.err().contains("prompt.template (" + misspelt + ":2): column"
                + " 'txet' is not in the input; did you mean 'text'?"), r.err());
        Assertions.assertTrue(r.err().contains("already exists"), r.err());
    }

    @Test
    void missingInputPathIsReported() {
        JobFixture.Run r = fixture.run(job,
                "input.path=" + JobFixture.q(tmp.resolve("nope.csv"))).expect(2);
        Assertions.assertTrue(r.err().contains("input.path") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void existingOutputWithoutOverwriteIsRefusedBeforeSending() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        Files.writeString(tmp.resolve("out/keep.txt"), "precious");
        JobFixture.Run r = fixture.run(job).expect(2);
        Assertions.assertTrue(r.err().contains("output.path") && r.err().contains("already exists"),
                r.err());
        assertEquals("precious", Files.readString(tmp.resolve("out/keep.txt")));
    }

    @Test
    void inputColumnNamedLikeAResultColumnSuggestsAPrefix() throws Exception {
        Path csv = tmp.resolve("clash.csv");
        Files.writeString(csv, "id,text,status\n1,hi,new\n", StandardCharsets.UTF_8);
        JobFixture.Run r = fixture.run(job, "input.path=" + JobFixture.q(csv)).expect(2);
        Assertions.assertTrue(r.err().contains("output.column-prefix"), r.err());
        fixture.run(job, "input.path=" + JobFixture.q(csv), "output.column-prefix=gem_")
                .expect(0);
        sendsRequests = true;
    }

    @Test
    void appendingRowsOfAnotherLayoutIsRefusedBeforeSending() throws Exception {
        fixture.run(job, "output.mode = overwrite").expect(0);
        long sent = fixture.emulator.stats().totalRequests();
        JobFixture.Run r = fixture.run(job, "output.mode = append",
                "output.column-prefix = gem_").expect(2);
        Assertions.assertTrue(r.err().contains("whose columns differ from this job's"), r.err());
        Assertions.assertTrue(r.err().contains("new column gem_answer"), r.err());
        Assertions.assertTrue(r.err().contains("no column answer"), r.err());
        assertEquals(sent, fixture.emulator.stats().totalRequests(), "nothing more was sent");
        fixture.run(job, "output.mode = append").expect(0);
        assertEquals(8, spark().read().parquet(tmp.resolve("out").toString()).count(),
                "the same layout appends");
        sendsRequests = true;
    }

    @Test
    void unknownOptionAndMissingJobFileAreUsageErrors() {
        assertEquals(2, JobFixture.main("--bogus").exitCode());
        assertEquals(2, JobFixture.main().exitCode());
        JobFixture.Run r = JobFixture.main(tmp.resolve("missing.conf").toString());
        r.expect(2);
        assertFalse(r.err().isBlank());
    }

    @Test
    void invalidApiKeyAbortsTheRunWithExitCode3AndRedactsTheKey() {
        sendsRequests = true;
        JobFixture.Run r = JobFixture.main(job.toString(),
                "--set", "gemini.base-url=\"" + fixture.emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"sk-wrong-key-123\"").expect(3);
        Assertions.assertTrue(r.err().contains("API_KEY_INVALID") || r.err().contains("API key"), r.err());
        assertFalse(r.err().contains("sk-wrong-key-123"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/_SUCCESS")));
    }

    @Test
    void aMisspeltModelAbortsWithOneMessageWithoutADoubledPrefix() {
        sendsRequests = true;
        JobFixture.Run r = fixture.run(job, "model.name=gemini-2.5-flsh").expect(3);
        Assertions.assertTrue(r.err().contains("gembatch: aborted the run: 404 NOT_FOUND"),
                r.err());
        assertFalse(r.err().contains("gembatch: gembatch"), r.err());
    }
}
