package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.emulator.EmulatorStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explicit context caching end to end against the emulator, whose caches expire after serving
 * five requests (a cache lost mid-run): every row is answered, cached tokens are recorded,
 * request ids do not depend on the cache, and no cache outlives the run: not after a failed run,
 * and a killed run's cache is swept by the next run and by --resume.
 */
class ContextCacheJobTest extends SparkTestBase {
    private static final int ROWS = 12;
    /** 1,200 tokens at the emulator's 4 characters per token: above gemini-2.5-flash's 1,024. */
    private static final String LONG = "Label by topic. ".repeat(300);
    private static final Pattern TAG = Pattern.compile("\\((gembatch:[0-9a-f]{16})\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final JobFixture FIXTURE = new JobFixture(EmulatorOptions.builder().chunks(2)
            .cacheExpireAfterUses(5).build());
    @TempDir
    Path tmp;

    @Test
    void aCacheLostMidRunIsMadeAgainAndEveryRowAnswered() throws Exception {
        List<Row> cached = run("out", "model.context-cache = on").rows;
        EmulatorStats stats = FIXTURE.emulator.stats();

        Assertions.assertTrue(cached.stream().allMatch(r -> "OK".equals(r.getAs("status"))),
                cached::toString);
        Assertions.assertTrue(stats.requestsByScenario().getOrDefault("cachedContents:missing", 0L)
                > 0, stats::toJson);
        assertEquals(2L, stats.requestsByScenario().get("cachedContents:POST"), "made once more");
        Assertions.assertTrue(cached.stream().filter(r -> r.getAs("cached_tokens") != null)
                .allMatch(r -> (int) r.getAs("cached_tokens") == 1200), cached::toString);
        Assertions.assertTrue(cached.stream().anyMatch(r -> r.getAs("cached_tokens") != null));
        assertEquals(List.of(), caches());

        List<Row> plain = run("plain", "model.context-cache = off").rows;
        assertEquals(ids(plain), ids(cached), "request ids do not depend on the cache");
    }

    @Test
    void autoCachesARunWhenItPaysAndSaysWhy() throws Exception {
        Run run = run("auto", "model.context-cache = auto");

        Assertions.assertTrue(run.out.contains("context cache: cache (auto): reading 1,201 shared"
                + " tokens 12 times"), run.out);
        Assertions.assertTrue(run.out.contains("tokens stored"), run.out);
        Assertions.assertTrue(run.rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))));
        Assertions.assertTrue(FIXTURE.emulator.stats().requestsByScenario()
                .getOrDefault("cachedContents:POST", 0L) >= 1);
        assertEquals(List.of(), caches());
    }

    @Test
    void onVertexTheCacheLivesInTheProjectsLocation() throws Exception {
        Path job = jobFile("vertex", 4, null); // fewer rows than the emulator's five uses
        FIXTURE.run(JobFixture.Api.VERTEX, job, "prompt.system-instruction = \"" + LONG + "\"",
                "model.context-cache = on").expect(0);
        List<Row> rows = spark().read().parquet(tmp.resolve("vertex").toString()).collectAsList();
        EmulatorStats stats = FIXTURE.emulator.stats();

        Assertions.assertTrue(rows.stream().allMatch(r -> "OK".equals(r.getAs("status"))),
                rows::toString);
        Assertions.assertTrue(rows.stream().allMatch(r -> r.getAs("cached_tokens") != null));
        assertEquals(1L, stats.requestsByScenario().get("cachedContents:POST"), stats::toJson);
        assertEquals(1L, stats.requestsByScenario().get("cachedContents:DELETE"), stats::toJson);
    }

    @Test
    void aFailedRunDeletesItsCache() throws Exception {
        Gembatch gembatch = Gembatch.fromSettings(String.join("\n",
                "prompt.column = text", "model.name = gemini-2.5-flash",
                "prompt.system-instruction = \"" + LONG + "\"", "model.context-cache = on",
                "gemini.base-url = \"" + FIXTURE.emulator.baseUrl() + "\"",
                "gemini.api-key = \"" + FIXTURE.emulator.apiKey() + "\""));
        org.apache.spark.sql.Dataset<Row> rows = spark().read().option("header", true)
                .csv(input(ROWS).toString());
        org.apache.spark.sql.Dataset<Row> failing = rows.map(new FailAt("7"),
                org.apache.spark.sql.Encoders.row(rows.schema()));

        assertThrows(Exception.class, () -> gembatch.answer(failing));

        assertEquals(1L, FIXTURE.emulator.stats().requestsByScenario().get("cachedContents:POST"));
        assertEquals(List.of(), caches());
    }

    @Test
    void aKilledRunsCacheIsSweptByTheNextRunAndByResume() throws Exception {
        Run first = run("out", "model.context-cache = on");
        Matcher tag = TAG.matcher(first.out);
        Assertions.assertTrue(tag.find(), first.out);
        String displayName = tag.group(1);

        orphan(displayName);
        Run next = run("out", "model.context-cache = on", "output.mode = overwrite");
        Assertions.assertTrue(next.out.contains("deleted 1 cache(s) left by an earlier run"),
                next.out);
        assertEquals(List.of(), caches());

        orphan(displayName);
        FIXTURE.command(jobFile("out"), "--set", "prompt.system-instruction=\"" + LONG + "\"",
                "--set", "model.context-cache = on", "--resume").expect(0);
        assertEquals(List.of(), caches());
    }

    @Test
    void anOnCacheUnderTheMinimumOrAMisspeltModeIsAConfigError() throws Exception {
        JobFixture.Run small = FIXTURE.command(jobFile("out"), "--set",
                "prompt.system-instruction=\"Be brief.\"", "--set", "model.context-cache=on");
        small.expect(2);
        Assertions.assertTrue(small.err().contains("model.context-cache = on: the shared part is"
                + " 3 tokens; gemini-2.5-flash caches at least 1,024"), small.err());
        assertEquals(0, FIXTURE.emulator.stats().requestsByScenario().keySet().stream()
                .filter(s -> !s.startsWith("cachedContents")).count(), "no row was sent");

        JobFixture.Run misspelt = FIXTURE.command(jobFile("out"), "--set",
                "model.context-cache=sometimes");
        misspelt.expect(2);
        Assertions.assertTrue(misspelt.err().contains("model.context-cache"), misspelt.err());

        JobFixture.Run extra = FIXTURE.command(jobFile("out"), "--set",
                "model.extra-request-fields.cachedContent=\"cachedContents/x\"");
        extra.expect(2);
        Assertions.assertTrue(extra.err().contains("use model.context-cache"), extra.err());
    }

    @Test
    void theDryRunChoosesTheCacheOnlyWhenItPays() throws Exception {
        String longer = "Label by topic. ".repeat(1500); // 6,000 tokens
        JobFixture.Run pays = FIXTURE.command(jobFile("out", ROWS, longer), "--dry-run",
                "--set", "model.context-cache=auto");
        pays.expect(0);
        Assertions.assertTrue(pays.out().contains("context cache: cache (auto): reading 6,001"
                + " shared tokens 12 times"), pays.out());

        JobFixture.Run not = FIXTURE.command(jobFile("few", 3, LONG), "--dry-run",
                "--set", "model.context-cache=auto");
        not.expect(0);
        Assertions.assertTrue(not.out().contains("context cache: no cache (auto: it does not"
                + " pay): reading 1,201 shared tokens 3 times"), not.out());
        assertEquals(0L, FIXTURE.emulator.stats().requestsByScenario()
                .getOrDefault("cachedContents:POST", 0L), "a dry run makes no cache");
    }

    /** One run's output rows and its standard output. */
    private record Run(List<Row> rows, String out) {
    }

    private Run run(String out, String... sets) throws Exception {
        Path job = jobFile(out);
        String[] all = new String[sets.length + 1];
        all[0] = "prompt.system-instruction = \"" + LONG + "\"";
        System.arraycopy(sets, 0, all, 1, sets.length);
        JobFixture.Run run = FIXTURE.run(job, all).expect(0);
        return new Run(spark().read().parquet(tmp.resolve(out).toString()).collectAsList(),
                run.out());
    }

    private Path jobFile(String out) throws Exception {
        return jobFile(out, ROWS, null);
    }

    private Path jobFile(String out, int rows, String system) throws Exception {
        return JobFixture.jobFile(tmp, out + ".conf", String.join("\n",
                "input.path = " + JobFixture.q(input(rows)),
                "prompt.column = text",
                "model.name = gemini-2.5-flash",
                system == null ? "" : "prompt.system-instruction = \"" + system + "\"",
                "output.path = " + JobFixture.q(tmp.resolve(out)),
                "gemini.retry.initial-backoff = 1ms",
                "gemini.retry.max-backoff = 4ms",
                "spark.partitions = 2"));
    }

    private Path input(int rows) throws Exception {
        Path csv = tmp.resolve("rows-" + rows + ".csv");
        Files.writeString(csv, IntStream.range(0, rows).mapToObj(i -> i + ",Label item " + i)
                .collect(Collectors.joining("\n", "id,text\n", "\n")), StandardCharsets.UTF_8);
        return csv;
    }

    private static Set<String> ids(List<Row> rows) {
        return rows.stream().map(r -> (String) r.getAs("request_id")).collect(Collectors.toSet());
    }

    /** The names of the caches the emulator holds. */
    private static List<String> caches() throws Exception {
        JsonNode listed = JSON.readTree(call("GET", null).body());
        return java.util.stream.StreamSupport.stream(listed.path("cachedContents").spliterator(),
                false).map(c -> c.path("name").asText()).toList();
    }

    /** A cache made straight at the emulator under the job's display name, as a killed run left it. */
    private static void orphan(String displayName) throws Exception {
        HttpResponse<String> made = call("POST", "{\"model\":\"models/gemini-2.5-flash\","
                + "\"displayName\":\"" + displayName + "\",\"ttl\":\"3600s\",\"systemInstruction\":"
                + "{\"parts\":[{\"text\":\"" + LONG + "\"}]}}");
        assertEquals(200, made.statusCode(), made.body());
        assertEquals(1, caches().size());
    }

    private static HttpResponse<String> call(String method, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(FIXTURE.emulator.baseUrl()
                        + "/v1beta/cachedContents")).timeout(Duration.ofSeconds(10))
                .header("x-goog-api-key", FIXTURE.emulator.apiKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** Fails the Spark task that reaches the row whose id is {@code id}: a run that dies. */
    private static final class FailAt implements org.apache.spark.api.java.function.MapFunction<Row, Row> {
        private final String id;

        FailAt(String id) {
            this.id = id;
        }

        @Override
        public Row call(Row row) {
            if (id.equals(row.getAs("id"))) {
                throw new IllegalStateException("the input broke at row " + id);
            }
            return row;
        }
    }
}
