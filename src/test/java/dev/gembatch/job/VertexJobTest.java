package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI end to end against the emulator, signed in with a service-account key file through
 * Google's auth library (real JWT exchange at the emulator's token endpoint): labels reach the
 * server, a token is replaced before it expires during a run, a token that dies early is renewed
 * on its first 401 without failing a row, and a missing key file fails the job with its path.
 */
class VertexJobTest extends SparkTestBase {
    private static final int ROWS = 16;

    @TempDir
    Path tmp;

    @Test
    void labelsTravelWithEveryRequestOnOneSignIn() throws Exception {
        EmulatorStats stats;
        List<Row> rows;
        try (JobFixture fixture = new JobFixture(EmulatorOptions.defaults())) {
            fixture.run(JobFixture.Api.VERTEX, job(), "model.labels.team=search",
                    "model.labels.job=nightly-1").expect(0);
            stats = fixture.emulator.stats();
            rows = output();
        }
        assertAllAnswered(rows);
        assertEquals(ROWS, stats.labeledRequests(), stats::toJson);
        assertEquals(1, stats.tokenRequests(), stats::toJson);
        assertEquals(0, stats.requestsWithStatus(401), stats::toJson);
    }

    @Test
    void aTokenIsReplacedBeforeItExpiresDuringARun() throws Exception {
        // 16 rows, 2 at a time, at least 250 ms each: the run outlasts the first 2 s token,
        // which is due for replacement after 1.5 s
        EmulatorOptions options = EmulatorOptions.builder().tokenLifetime(Duration.ofSeconds(2))
                .firstByteLatency(Duration.ofMillis(250)).build();
        EmulatorStats stats;
        List<Row> rows;
        try (JobFixture fixture = new JobFixture(options)) {
            fixture.run(JobFixture.Api.VERTEX, job(), "gemini.concurrency=2",
                    "gemini.adaptive-concurrency=false").expect(0);
            stats = fixture.emulator.stats();
            rows = output();
        }
        assertAllAnswered(rows);
        Assertions.assertTrue(stats.tokenRequests() >= 2, stats::toJson);
    }

    @Test
    void aTokenThatDiesEarlyIsRenewedOnItsFirst401AndNoRowFails() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder().revokeTokensAfter(4).build();
        EmulatorStats stats;
        List<Row> rows;
        try (JobFixture fixture = new JobFixture(options)) {
            fixture.run(JobFixture.Api.VERTEX, job(), "gemini.retry.max-attempts=1").expect(0);
            stats = fixture.emulator.stats();
            rows = output();
        }
        assertAllAnswered(rows);
        Assertions.assertTrue(stats.requestsWithStatus(401) >= 1, stats::toJson);
        assertEquals(2, stats.tokenRequests(), stats::toJson);
        Assertions.assertTrue(rows.stream().anyMatch(r -> (int) r.getAs("attempts") == 2), rows::toString);
    }

    @Test
    void aKeyFileMissingOnTheExecutorFailsTheJobNamingThePath() throws Exception {
        try (JobFixture fixture = new JobFixture(EmulatorOptions.defaults())) {
            JobFixture.Run run = fixture.run(JobFixture.Api.VERTEX, job(),
                    "gemini.vertex.credentials-file=" + JobFixture.q(tmp.resolve("absent.json")));
            Assertions.assertTrue(run.exitCode() != 0, run::out);
            Assertions.assertTrue(run.err().contains("absent.json") && run.err().contains("does not exist"),
                    run::err);
            assertEquals(0, fixture.emulator.stats().totalRequests());
        }
    }

    private static void assertAllAnswered(List<Row> rows) {
        assertEquals(ROWS, rows.size());
        Assertions.assertTrue(rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))), rows::toString);
    }

    private List<Row> output() {
        return spark().read().parquet(tmp.resolve("out").toString()).collectAsList();
    }

    private Path job() throws Exception {
        Path csv = tmp.resolve("rows.csv");
        String lines = IntStream.range(0, ROWS).mapToObj(i -> i + ",Describe item number " + i)
                .collect(Collectors.joining("\n", "id,prompt\n", "\n"));
        Files.writeString(csv, lines, StandardCharsets.UTF_8);
        return JobFixture.jobFile(tmp, "vertex.conf", String.join("\n",
                "input.path = " + JobFixture.q(csv),
                "prompt.column = prompt",
                "model.name = gemini-2.5-flash",
                "output.path = " + JobFixture.q(tmp.resolve("out")),
                "spark.master = \"local[2]\""));
    }
}
