package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.config.JobConfig;
import dev.gembatch.config.JobSettings;
import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import dev.gembatch.output.OutputTarget;
import dev.gembatch.prompt.RequestBodies;
import dev.gembatch.reuse.EarlierRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedupe, the journal and resume through the whole job: identical requests are paid once, a
 * resumed run sends only what neither the journal nor a complete output holds, and
 * retry-failed re-sends only the FAILED rows and leaves every other row as it was.
 */
class JournalJobTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2).build());

    @TempDir
    Path tmp;

    @Test
    void identicalRequestsAreSentOnceAndEveryRowSharingOneGetsItsAnswer() throws Exception {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            prompts.add("Question number " + (i % 6));
        }
        prompts.add(" ");
        Path job = job(prompts);
        String out = fixture.run(job).expect(0).out();

        assertEquals(6, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        assertEquals(0, fixture.emulator.stats().paidTwice());
        List<Row> rows = spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
        assertEquals(31, rows.size());
        assertEquals(1, rows.stream().filter(r -> "SKIPPED".equals(r.getAs("status"))).count());
        rows.stream().filter(r -> !"SKIPPED".equals(r.getAs("status")))
                .forEach(r -> assertAnswered(r));
        Assertions.assertTrue(out.contains("journaled: 6 | resumed: 0 | deduplicated: 24 | re-sent: 0"), out);
        Assertions.assertFalse(Files.exists(journalRoot()), "the journal is cleared after the write");
    }

    @Test
    void resumeSendsOnlyTheRequestsTheJournalDoesNotHold() throws Exception {
        List<String> prompts = numbered(10);
        Path job = job(prompts);
        JobSettings settings = JobConfig.load(job, null, List.of("gemini.base-url = emulator"),
                Map.of());
        RequestBodies bodies = new RequestBodies(settings.model());
        Map<String, Answer> paid = new LinkedHashMap<>();
        for (String p : prompts.subList(0, 3)) {
            paid.put(RequestBodies.requestId(MODEL, bodies.body(p, null)),
                    journaled("paid for before the crash: " + p));
        }
        EarlierRun.journaled(tmp.resolve("out").toString(), settings.journal(), paid);

        String out = fixture.run(job, "output.mode = resume").expect(0).out();

        assertEquals(7, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        Map<String, Row> rows = output();
        assertEquals(10, rows.size());
        for (String p : prompts.subList(0, 3)) {
            assertEquals("paid for before the crash: " + p, rows.get(p).getAs("answer"));
        }
        prompts.subList(3, 10).forEach(p -> assertAnswered(rows.get(p)));
        Assertions.assertTrue(out.contains("resumed: 3"), out);
        Assertions.assertFalse(Files.exists(journalRoot()));
    }

    @Test
    void resumingACompleteRunSendsNothingAndKeepsEveryAnswer() throws Exception {
        List<String> prompts = numbered(8);
        Path job = job(prompts);
        fixture.run(job).expect(0);
        Map<String, Row> before = output();

        String out = JobFixture.main(job.toString(), "--resume",
                "--set", "gemini.base-url=\"" + fixture.emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"" + fixture.emulator.apiKey() + "\"").expect(0).out();

        assertEquals(8, fixture.emulator.stats().totalRequests(), fixture.emulator.stats()::toJson);
        Map<String, Row> after = output();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, row) -> assertEquals(row.<String>getAs("response_id"),
                after.get(p).getAs("response_id")));
        Assertions.assertTrue(out.contains("resumed: 8"), out);
        Assertions.assertTrue(out.contains("gembatch: resume: 8 rows reuse the answers of the"
                + " earlier run (output and journal); 0 requests to send"), out);
    }

    @Test
    void retryFailedResendsOnlyTheFailedRowsAndLeavesTheOthersUntouched() throws Exception {
        List<String> prompts = numbered(4);
        prompts.add("Flaky one [[gembatch:fail-503x2]]");
        prompts.add("Flaky two [[gembatch:fail-503x2]]");
        Path job = job(prompts);
        fixture.run(job).expect(0);
        Map<String, Row> before = output();
        assertEquals("FAILED", before.get(prompts.get(4)).getAs("status"));
        long sent = fixture.emulator.stats().totalRequests();

        String out = fixture.run(job, "output.mode = retry-failed").expect(0).out();
        Assertions.assertTrue(out.contains("gembatch: retry-failed: 4 rows reuse the answers of"
                + " the earlier run (output and journal); 2 requests to send"), out);

        assertEquals(sent + 2, fixture.emulator.stats().totalRequests(),
                fixture.emulator.stats()::toJson);
        Map<String, Row> after = output();
        prompts.forEach(p -> assertAnswered(after.get(p)));
        for (String p : prompts.subList(0, 4)) {
            assertEquals(before.get(p).<Object>getAs("completed_at"),
                    after.get(p).getAs("completed_at"), p);
        }
    }

    @Test
    void retryFailedWithoutACompleteOutputIsRefusedBeforeSending() throws Exception {
        Path job = job(numbered(2));
        String err = JobFixture.main(job.toString(), "--retry-failed",
                "--set", "gemini.base-url=\"" + fixture.emulator.baseUrl() + "\"",
                "--set", "gemini.api-key=\"" + fixture.emulator.apiKey() + "\"").expect(2).err();
        Assertions.assertTrue(err.contains("holds no complete output to retry"), err);
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void resumeWithoutDedupeIsAConfigurationError() throws Exception {
        String err = fixture.run(job(numbered(2)), "output.mode = resume",
                "pipeline.dedupe = false").expect(2).err();
        Assertions.assertTrue(err.contains("pipeline.dedupe"), err);
    }

    private static List<String> numbered(int n) {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add("Distinct question " + i);
        }
        return prompts;
    }

    private Path job(List<String> prompts) throws Exception {
        Path csv = tmp.resolve("prompts.csv");
        Files.writeString(csv, prompts.stream().map(p -> "\"" + p + "\"")
                .collect(Collectors.joining("\n", "prompt\n", "\n")), StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "journal.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = \"" + MODEL + "\"",
                "output { path = " + JobFixture.q(tmp.resolve("out")) + ", mode = overwrite }",
                "gemini.retry { max-attempts = 2, initial-backoff = 10ms, max-backoff = 20ms }",
                "spark { master = \"local[2]\", partitions = 2 }"));
    }

    private Map<String, Row> output() {
        return spark().read().parquet(tmp.resolve("out").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("prompt"), Function.identity(),
                        (a, b) -> a));
    }

    private Path journalRoot() {
        return Path.of(OutputTarget.journalOf(tmp.resolve("out").toString()));
    }

    private static void assertAnswered(Row row) {
        assertEquals("OK", row.getAs("status"), row::toString);
        assertEquals(EmulatorAnswers.textFor(MODEL, row.getAs("prompt")), row.getAs("answer"));
    }

    private static Answer journaled(String text) {
        return new Answer(Status.OK, List.of(new Candidate(0, text, null, "STOP", null,
                List.of(), List.of())), null, new Usage(1, 1, null, null, null, 2), MODEL, "r",
                null, 1, 1L, 1L, 1, Instant.now());
    }
}
