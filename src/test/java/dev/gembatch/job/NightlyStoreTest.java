package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer store across runs through the whole job (issue 14, "done when"): night 1 answers
 * 3,000 rows; night 2 reads the same 3,000, 500 new rows and 50 whose prompt changed, sends
 * exactly the 550 new requests and takes the 2,950 others from the store. Also: two jobs
 * committing to one store at the same time both keep their answers; --store-stats and
 * --store-compact run from the command line; a store path holding other files is refused
 * before anything is sent.
 */
class NightlyStoreTest extends SparkTestBase {
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(1)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());

    @TempDir
    Path tmp;

    @Test
    void nightTwoSendsOnlyNewAndChangedRowsAndTakesTheRestFromTheStore() throws Exception {
        List<String> night1 = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            night1.add(i + ",document " + i);
        }
        Path job = job(csv("night1.csv", night1), "out1");
        String out1 = fixture.run(job).expect(0).out();
        assertEquals(3000, fixture.emulator.stats().totalRequests());
        Assertions.assertTrue(out1.contains("from store: 0 | sent: 3,000"), out1);
        Map<String, Row> first = byId("out1");

        List<String> night2 = new ArrayList<>(night1);
        for (int i = 0; i < 50; i++) {
            night2.set(i * 60, (i * 60) + ",document " + (i * 60) + " (revised)");
        }
        for (int i = 3000; i < 3500; i++) {
            night2.add(i + ",document " + i);
        }
        fixture.emulator.resetStats();
        String out2 = fixture.run(job(csv("night2.csv", night2), "out2")).expect(0).out();

        assertEquals(550, fixture.emulator.stats().totalRequests(),
                fixture.emulator.stats()::toJson);
        Assertions.assertTrue(out2.contains("from store: 2,950 | sent: 550 | saved ~$"), out2);
        Map<String, Row> second = byId("out2");
        assertEquals(3500, second.size());
        String run1 = first.get("1").getAs("store_run_id");
        for (String line : night2) {
            String id = line.substring(0, line.indexOf(','));
            Row row = second.get(id);
            assertEquals("OK", row.getAs("status"), id);
            Assertions.assertTrue(row.<String>getAs("answer").contains(line.substring(
                    line.indexOf(',') + 1)), id);
            boolean unchanged = Integer.parseInt(id) < 3000 && !line.endsWith("(revised)");
            assertEquals(unchanged, row.<Boolean>getAs("from_store"), id);
            if (unchanged) {
                assertEquals(first.get(id).<String>getAs("response_id"),
                        row.<String>getAs("response_id"), id);
                assertEquals(run1, row.getAs("store_run_id"), id);
            } else {
                Assertions.assertNotEquals(run1, row.getAs("store_run_id"), id);
            }
        }
    }

    @Test
    void twoJobsCommittingToOneStoreAtOnceBothKeepTheirAnswers() throws Exception {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(i + ",first job " + i);
            b.add(i + ",second job " + i);
        }
        Path jobA = job(csv("a.csv", a), "outA");
        Path jobB = job(csv("b.csv", b), "outB");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<JobFixture.Run> runA = pool.submit(() -> fixture.run(jobA));
            Future<JobFixture.Run> runB = pool.submit(() -> fixture.run(jobB));
            runA.get().expect(0);
            runB.get().expect(0);
        } finally {
            pool.shutdown();
        }
        assertEquals(40, fixture.emulator.stats().totalRequests());

        List<String> both = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            both.add(i + ",first job " + i);
            both.add((100 + i) + ",second job " + i);
        }
        fixture.emulator.resetStats();
        String out = fixture.run(job(csv("both.csv", both), "outBoth")).expect(0).out();
        assertEquals(0, fixture.emulator.stats().totalRequests(), out);
        Assertions.assertTrue(out.contains("from store: 40 | sent: 0"), out);
    }

    @Test
    void storeStatsAndCompactionRunFromTheCommandLineAndAForeignFolderIsRefused()
            throws Exception {
        Path job = job(csv("few.csv", List.of("1,one", "2,two")), "outFew");
        fixture.run(job).expect(0);
        fixture.run(job(csv("more.csv", List.of("3,three")), "outMore")).expect(0);

        String stats = fixture.command(job, "--store-stats").expect(0).out();
        Assertions.assertTrue(stats.contains(": 3 answers,") && stats.contains("2 segments")
                && stats.contains("gemini-2.5-flash") && stats.contains("< 1 day"), stats);
        String compact = fixture.command(job, "--store-compact").expect(0).out();
        Assertions.assertTrue(compact.contains("merged 2 segments (3 answers)"), compact);
        Assertions.assertTrue(fixture.command(job, "--store-stats").expect(0).out()
                .contains(": 3 answers,"));

        Path foreign = Files.createDirectories(tmp.resolve("not-a-store"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        fixture.emulator.resetStats();
        String err = fixture.run(job, "store.path = " + JobFixture.q(foreign),
                "output.mode = overwrite").expect(2).err();
        Assertions.assertTrue(err.contains("not an answer store") && err.contains("notes.txt"),
                err);
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    private Path job(Path input, String output) throws Exception {
        return JobFixture.jobFile(tmp, output + ".conf", String.join("\n",
                "input.path = " + JobFixture.q(input),
                "input.id-column = id",
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"gemini-2.5-flash\"",
                "output.path = " + JobFixture.q(tmp.resolve(output)),
                "store.path = " + JobFixture.q(tmp.resolve("store")),
                "gemini.concurrency = 64",
                "report.progress-interval = 0s",
                "spark.master = \"local[2]\""));
    }

    private Path csv(String name, List<String> lines) throws Exception {
        List<String> all = new ArrayList<>(List.of("id,text"));
        all.addAll(lines);
        return Files.write(tmp.resolve(name), all, StandardCharsets.UTF_8);
    }

    private Map<String, Row> byId(String output) {
        return spark().read().parquet(tmp.resolve(output).toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("id"), Function.identity()));
    }
}
