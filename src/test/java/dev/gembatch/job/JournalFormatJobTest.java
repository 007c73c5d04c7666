package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.output.OutputTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal kept across an upgrade: one written by this version (typed answer records, the
 * fixture src/test/resources/journal-v1, three answers of "Distinct question 0..2") is resumed
 * from by every later build; one written before records were typed (Java-serialized answers,
 * src/test/resources/journal-java-serialized, the same three requests) is refused before any
 * request is sent, saying what to do instead.
 */
class JournalFormatJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2).build());

    @TempDir
    Path tmp;

    @Test
    void aResumeReusesTheAnswersOfAJournalWrittenByThisVersion() throws Exception {
        Path job = job(5);
        copyFixture("journal-v1");

        String out = fixture.run(job, "output.mode = resume").expect(0).out();

        assertEquals(2, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        Map<String, Row> rows = spark().read().parquet(tmp.resolve("out").toString())
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("prompt"),
                        Function.identity()));
        assertEquals(5, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("journaled in answer records v1: Distinct question " + i,
                    rows.get("Distinct question " + i).getAs("answer"));
        }
        for (int i = 3; i < 5; i++) {
            String p = "Distinct question " + i;
            assertEquals(EmulatorAnswers.textFor(MODEL, p), rows.get(p).getAs("answer"));
        }
        Assertions.assertTrue(out.contains("resumed: 3"), out);
    }

    @Test
    void journalPathMovesTheJournalToAFolderOfItsOwn() throws Exception {
        Path job = job(5);
        Path journals = tmp.resolve("journals");
        String root = OutputTarget.journalOf(tmp.resolve("out").toString(), journals.toString());
        Assertions.assertTrue(root.startsWith(journals + "/out-"), root);
        copyFixture("journal-v1", Path.of(root));

        fixture.run(job, "output.mode = resume", "journal.path = " + JobFixture.q(journals))
                .expect(0);

        assertEquals(2, fixture.emulator.stats().totalRequests(), "the moved journal was read");
        Assertions.assertFalse(Files.exists(Path.of(root)), "and cleared once written");
        Assertions.assertFalse(Files.exists(journalRoot()), "nothing beside the output");
    }

    @Test
    void aJournalOfJavaSerializedAnswersIsRefusedBeforeSendingWithWhatToDo() throws Exception {
        Path job = job(5);
        copyFixture("journal-java-serialized");

        String err = fixture.run(job, "output.mode = resume").expect(2).err();

        assertEquals(0, fixture.emulator.stats().totalRequests());
        Assertions.assertTrue(err.contains("s0a0-0.parquet' holds answers an earlier gembatch"
                + " journaled as Java-serialized objects (before typed answer records), which"
                + " this build does not read; run the job again without --resume (output.mode"
                + " = overwrite: every row is answered again), or delete the journal folder '"
                + journalRoot() + "'"), err);

        fixture.run(job).expect(0);
        assertEquals(5, fixture.emulator.stats().totalRequests(), "a fresh run answers all");
        Assertions.assertFalse(Files.exists(journalRoot()), "and clears the old journal");
    }

    private void copyFixture(String name) throws IOException {
        copyFixture(name, journalRoot());
    }

    private static void copyFixture(String name, Path root) throws IOException {
        Path from = Path.of("src/test/resources", name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = root.resolve(from.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
    }

    private Path journalRoot() {
        return Path.of(OutputTarget.journalOf(tmp.resolve("out").toString()));
    }

    private Path job(int rows) throws Exception {
        Path csv = tmp.resolve("prompts.csv");
        Files.writeString(csv, IntStream.range(0, rows).mapToObj(i -> "Distinct question " + i)
                .collect(Collectors.joining("\n", "prompt\n", "\n")), StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "journal.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = \"" + MODEL + "\"",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "spark { master = \"local[2]\", partitions = 2 }"));
    }
}
