package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.config.JobConfig;
import dev.gembatch.config.JobSettings;
import dev.gembatch.emulator.EmulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --preview} of a local CSV file runs without Spark ({@link LocalPreview}) and prints
 * what the preview on Spark ({@link Preview}) prints for the same job, chained answer columns
 * included; every other preview is left to Spark before anything is sent.
 */
class LocalPreviewTest extends SparkTestBase {
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;

    @Test
    void aCsvPreviewWithoutSparkPrintsWhatTheSparkPreviewPrints() throws Exception {
        Path csv = Files.writeString(tmp.resolve("notes.csv"), String.join("\n",
                "id,note,extra",
                "n1,\"Coffee, then tea\",",
                "n2,\"She said \"\"later\"\"\",x",
                "n3,\"two\nlines\",\"\"",
                "n4,café 東京,y",
                ""), StandardCharsets.UTF_8);
        JobSettings job = load(sheet(csv));

        String here = printed(out -> Assertions.assertTrue(
                LocalPreview.run(job, job.gemini(), 3, null, out)));
        String onSpark = printed(out -> Preview.run(spark(), job, job.gemini(), 3, null, out));

        assertEquals(tables(onSpark), tables(here));
        assertEquals(8, tables(here).size(), here);
        Assertions.assertTrue(here.contains("answer column headline"), here);
        Assertions.assertTrue(here.contains("| n3 "), here);
        Assertions.assertFalse(here.contains("n4"), here);
        assertEquals(12L, fixture.generationRequests(), "3 rows, 2 columns, twice");
    }

    @Test
    void otherInputsAndAKeptPreviewAreLeftToSparkWithNothingSent() throws Exception {
        Path json = Files.writeString(tmp.resolve("notes.jsonl"),
                "{\"id\":\"n1\",\"note\":\"tea\"}\n", StandardCharsets.UTF_8);
        JobSettings jsonJob = load(sheet(json));
        Assertions.assertFalse(LocalPreview.run(jsonJob, jsonJob.gemini(), 3, null, sink()));
        Path csv = Files.writeString(tmp.resolve("notes.csv"), "id,note\nn1,tea\n");
        JobSettings csvJob = load(sheet(csv));
        Assertions.assertFalse(LocalPreview.run(csvJob, csvJob.gemini(), 3,
                tmp.resolve("kept"), sink()));
        Path malformed = Files.writeString(tmp.resolve("short.csv"), "id,note\nn1\n");
        JobSettings malformedJob = load(sheet(malformed));
        Assertions.assertFalse(LocalPreview.run(malformedJob, malformedJob.gemini(), 3, null,
                sink()));
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    @Test
    void aColumnTheInputLacksIsRefusedBeforeAnythingIsSent() throws Exception {
        Path csv = Files.writeString(tmp.resolve("notes.csv"), "id,note\nn1,tea\n");
        Path job = JobFixture.jobFile(tmp, "missing.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.template = \"Say {{nope}}\"",
                "output.path = " + JobFixture.q(tmp.resolve("out"))));
        JobFixture.Run run = fixture.command(job, "--preview", "2").expect(2);
        Assertions.assertTrue(run.err().contains("nope"), run.err());
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    /** Two chained answer columns over {@code input}: a summary, and a headline of it. */
    private Path sheet(Path input) throws Exception {
        return JobFixture.jobFile(tmp, "sheet.conf", String.join("\n",
                "input { path = " + JobFixture.q(input) + ", id-column = id }",
                "model.name = gemini-2.5-flash",
                "answers {",
                "  summary { prompt.template = \"Summarize: {{note}}\" }",
                "  headline { prompt.template = \"Headline for: {{summary}}\" }",
                "}",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.master = \"local[2]\""));
    }

    private static JobSettings load(Path jobFile) throws Exception {
        return JobConfig.load(jobFile, null, List.of(
                "gemini.base-url=\"" + fixture.emulator.baseUrl() + "\"",
                "gemini.api-key=\"" + fixture.emulator.apiKey() + "\""), Map.of());
    }

    /**
     * What a preview printed, but times: per table its title and, per row, its cells other
     * than the latency (ms), with a wrapped cell's lines joined and its spaces left out (a
     * different latency width wraps the answers differently).
     */
    private static List<String> tables(String printed) {
        List<String> seen = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        for (String line : printed.lines().toList()) {
            if (line.startsWith("answer column")) {
                seen.add(line);
            } else if (line.startsWith("| ") && !line.startsWith("| # ")) {
                String[] cell = line.substring(1, line.length() - 1).split("\\|", -1);
                if (!cell[0].isBlank()) {
                    cells.add(new String[cell.length]);
                    Arrays.fill(cells.get(cells.size() - 1), "");
                }
                String[] row = cells.get(cells.size() - 1);
                for (int i = 0; i < cell.length; i++) {
                    row[i] += cell[i].replaceAll("\\s+", "");
                }
            } else if (line.startsWith("+") && !cells.isEmpty()) {
                String[] row = cells.remove(cells.size() - 1);
                row[4] = "ms";
                seen.add(String.join("|", row));
            }
        }
        return seen;
    }

    private interface Printing {
        void print(PrintStream out) throws Exception;
    }

    private static String printed(Printing preview) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        preview.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
