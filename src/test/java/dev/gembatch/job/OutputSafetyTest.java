package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that would overlap the input, in either direction and however it is spelled, is
 * refused with exit 2 before the input is read or a request sent, by a run, a dry run and a
 * preview that writes; the input stays as it was (issue 11, item 1).
 */
class OutputSafetyTest extends SparkTestBase {
    private static final String CSV = "id,text\n1,hello\n2,world\n";

    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.defaults());

    @TempDir
    Path tmp;
    private Path data;
    private Path csv;
    private Path job;

    @BeforeEach
    void writeJob() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        csv = data.resolve("in.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"gemini-2.5-flash\"",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "spark.master = \"local[2]\""));
    }

    @AfterEach
    void nothingWasSentAndTheInputIsIntact() throws Exception {
        assertEquals(0, fixture.emulator.stats().totalRequests(),
                () -> fixture.emulator.stats().toJson());
        Assertions.assertTrue(Files.isRegularFile(csv), "the input file is still a file");
        assertEquals(CSV, Files.readString(csv, StandardCharsets.UTF_8));
    }

    @Test
    void outputPathEqualToTheInputFileIsRefusedBeforeAnythingIsSent() {
        refused(fixture.run(job, "output.path=" + JobFixture.q(csv)), "is the input");
    }

    @Test
    void outputPathHoldingTheInputFileIsRefusedBeforeAnythingIsSent() {
        refused(fixture.run(job, "output.path=" + JobFixture.q(data)), "holds the input");
    }

    @Test
    void outputInsideAParquetInputDirectoryIsRefused() throws Exception {
        Path parquet = tmp.resolve("table");
        spark().read().option("header", "true").csv(csv.toString()).write().parquet(
                parquet.toString());
        refused(fixture.run(job, "input.path=" + JobFixture.q(parquet),
                "output.path=" + JobFixture.q(parquet.resolve("answers"))), "lies inside the input");
        Assertions.assertTrue(Files.exists(parquet.resolve("_SUCCESS")), "the Parquet input is intact");
    }

    @Test
    void outputReachedThroughASymbolicLinkIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("alias"), data);
        refused(fixture.run(job, "output.path=" + JobFixture.q(link)), "holds the input");
    }

    @Test
    void relativeOutputPathIsResolvedBeforeComparing() {
        Path relative = Path.of("").toAbsolutePath().relativize(data);
        refused(fixture.run(job, "output.path=\"" + relative + "/../data\""), "holds the input");
    }

    @Test
    void outputWhoseJournalWouldHoldTheInputIsRefused() throws Exception {
        Path journal = Files.createDirectories(tmp.resolve("res.gembatch-journal"));
        Path inside = journal.resolve("in.csv");
        Files.copy(csv, inside);
        refused(fixture.run(job, "input.path=" + JobFixture.q(inside),
                "output.path=" + JobFixture.q(tmp.resolve("res"))), "the journal");
    }

    @Test
    void dryRunRefusesAnOverlappingOutputToo() {
        refused(fixture.command(job, "--dry-run", "--set", "output.path=" + JobFixture.q(csv)),
                "is the input");
    }

    @Test
    void previewOutputOverTheInputIsRefused() {
        refused(fixture.command(job, "--preview", "1", "--preview-output", data.toString()),
                "holds the input");
    }

    private static void refused(JobFixture.Run run, String relation) {
        run.expect(2);
        Assertions.assertTrue(run.err().contains(relation), run.err());
        Assertions.assertTrue(run.err().contains("choose an output.path outside the input"), run.err());
        Assertions.assertFalse(run.out().contains("target checked"), run.out());
    }
}
