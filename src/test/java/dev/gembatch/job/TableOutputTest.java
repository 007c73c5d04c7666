package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output.table} through a real Apache Iceberg catalog (a Hadoop catalog in a temporary
 * warehouse, registered on the shared session at run time: no server, no session restart):
 * overwrite replaces the table in one commit, append-new answers and appends only new keys
 * (the emulator's counters prove nothing else is sent), dry run and preview see the same rows,
 * and every mistake about the target is refused before any request.
 */
class TableOutputTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final String CATALOG = "gbtables";
    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.builder().chunks(2)
            .firstByteLatency(Duration.ZERO).chunkGap(Duration.ZERO).build());
    @TempDir
    static Path warehouse;
    @TempDir
    Path tmp;

    @BeforeEach
    void icebergCatalog() {
        spark().conf().set("spark.sql.catalog." + CATALOG, "org.apache.iceberg.spark.SparkCatalog");
        spark().conf().set("spark.sql.catalog." + CATALOG + ".type", "hadoop");
        spark().conf().set("spark.sql.catalog." + CATALOG + ".warehouse",
                warehouse.toUri().toString());
        spark().sql("CREATE NAMESPACE IF NOT EXISTS " + CATALOG + ".nightly");
    }

    @Test
    void overwriteReplacesTheWholeTableInOneCommitPerRun() throws Exception {
        String table = CATALOG + ".nightly.overwritten";
        run(input(Map.of("a", "Alpha", "b", "Beta", "c", "Gamma")), table, "overwrite",
                "--set", "output.table-provider = iceberg").expect(0);
        assertEquals(3L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
        fixture.emulator.resetStats();

        JobFixture.Run second = run(input(Map.of("d", "Delta", "e", "Epsilon")), table,
                "overwrite").expect(0);
        assertEquals(2L, fixture.generationRequests());
        assertEquals(Map.of("d", "Say: Delta", "e", "Say: Epsilon"), answersByPrompt(table));
        assertEquals(2L, spark().table(table + ".snapshots").count(), "one commit per run");
        Assertions.assertTrue(second.out().contains("written to table " + table), second.out());
        Assertions.assertTrue(Files.exists(state().resolve(table).resolve("_gembatch_report")
                .resolve("report.json")), "the report goes to the table's state folder");
        Assertions.assertFalse(Files.exists(state().resolve(table + ".gembatch-journal")),
                "the journal is cleared after the commit");
        Assertions.assertFalse(Files.exists(state().resolve(table + ".gembatch-lock")));
    }

    @Test
    void appendNewAnswersAndAppendsOnlyKeysTheTableDoesNotHold() throws Exception {
        String table = CATALOG + ".nightly.appended";
        run(input(Map.of("a", "Alpha", "b", "Beta", "c", "Gamma")), table, "append-new",
                "--set", "output.partition-by = [status]").expect(0);
        assertEquals(3L, fixture.generationRequests());
        assertEquals(List.of("OK"), spark().table(table + ".partitions")
                .select("partition.status").as(Encoders.STRING()).collectAsList(),
                "the table is created partitioned by output.partition-by");
        fixture.emulator.resetStats();

        JobFixture.Run second = run(input(Map.of("a", "Alpha", "b", "Beta changed",
                "c", "Gamma", "d", "Delta", "e", "Epsilon")), table, "append-new").expect(0);
        assertEquals(2L, fixture.generationRequests(), fixture.emulator.stats()::toJson);
        assertEquals(0L, fixture.emulator.stats().paidTwice());
        Map<String, String> answers = answersByPrompt(table);
        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(answers.keySet()));
        assertEquals("Say: Beta", answers.get("b"), "a held key keeps its answer");
        assertEquals("Say: Delta", answers.get("d"));
        assertEquals(5L, spark().table(table).count(), "no key twice");
        Assertions.assertTrue(second.out().contains("2 rows written to table " + table),
                second.out());
    }

    @Test
    void dryRunAndPreviewCountAndSendOnlyTheRowsAppendNewWouldAdd() throws Exception {
        String table = CATALOG + ".nightly.previewed";
        run(input(Map.of("a", "Alpha", "b", "Beta")), table, "append-new").expect(0);
        fixture.emulator.resetStats();
        Path more = input(Map.of("a", "Alpha", "b", "Beta", "c", "Gamma", "d", "Delta",
                "e", "Epsilon"));

        JobFixture.Run dry = run(more, table, "append-new", "--dry-run").expect(0);
        assertEquals(0L, fixture.generationRequests());
        Assertions.assertTrue(dry.out().contains("output:    table " + table + " (append-new)"),
                dry.out());
        Assertions.assertTrue(dry.out().contains("3 rows"), dry.out());
        Assertions.assertTrue(dry.out().contains("requests:  3 "), dry.out());

        JobFixture.Run preview = run(more, table, "append-new", "--preview", "10").expect(0);
        assertEquals(3L, fixture.generationRequests());
        Assertions.assertTrue(preview.out().contains("3 of the first 10 rows answered"),
                preview.out());
        assertEquals(2L, spark().table(table).count(), "a preview writes nothing to the table");
    }

    @Test
    void aTableAndAPathTogetherAreRefusedWithTheKeyAndItsLine() throws Exception {
        JobFixture.Run run = run(input(Map.of("a", "Alpha")), CATALOG + ".nightly.both",
                "overwrite", "--set", "output.path = " + JobFixture.q(tmp.resolve("out")))
                .expect(2);
        Assertions.assertTrue(run.err().contains("output.table (" + tmp.resolve("job.conf")
                + ":4): set exactly one of output.path (a Parquet folder) and output.table"),
                run.err());
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    @Test
    void appendNewWithoutAnIdColumnIsRefused() throws Exception {
        JobFixture.Run run = run(input(Map.of("a", "Alpha")), CATALOG + ".nightly.keyless",
                "append-new", "--set", "input.id-column = null").expect(2);
        Assertions.assertTrue(run.err().contains("output.mode (" + tmp.resolve("job.conf")
                + ":5): append-new needs input.id-column"), run.err());
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    @Test
    void anUnknownNamespaceOrCatalogOrTheBuiltInSessionCatalogIsRefusedBeforeAnyRequest()
            throws Exception {
        Path in = input(Map.of("a", "Alpha"));
        JobFixture.Run namespace = run(in, CATALOG + ".nosuch.labels", "overwrite").expect(2);
        Assertions.assertTrue(namespace.err().contains("output.table: namespace 'nosuch' does not"
                + " exist in catalog '" + CATALOG + "'"), namespace.err());

        JobFixture.Run catalog = run(in, "nocatalog.nightly.labels", "overwrite").expect(2);
        Assertions.assertTrue(catalog.err().contains("if 'nocatalog' is meant as a catalog,"
                + " configure it with --conf spark.sql.catalog.nocatalog="), catalog.err());
        Assertions.assertTrue(catalog.err().contains(CATALOG), "lists the configured catalogs");

        JobFixture.Run session = run(in, "default.labels", "append-new").expect(2);
        Assertions.assertTrue(session.err().contains("output.table: 'spark_catalog.default.labels'"
                + " lies in Spark's built-in session catalog, whose Parquet and Hive tables"
                + " DataFrameWriterV2 cannot append to or replace"), session.err());
        Assertions.assertFalse(spark().catalog().tableExists("default.labels"));
        assertEquals(0L, fixture.emulator.stats().totalRequests());
    }

    /** Runs "Say: {{text}}" over {@code input} into {@code table} with {@code mode}. */
    private JobFixture.Run run(Path input, String table, String mode, String... args)
            throws Exception {
        Path job = JobFixture.jobFile(tmp, "job.conf", String.join("\n",
                "input { path = " + JobFixture.q(input) + ", id-column = id }",
                "prompt.template = \"Say: {{text}}\"",
                "model.name = \"" + MODEL + "\"",
                "output.table = \"" + table + "\"",
                "output.mode = " + mode,
                "output.table-state-path = " + JobFixture.q(state()),
                "spark.master = \"local[2]\""));
        return fixture.command(job, args);
    }

    private Path state() {
        return warehouse.resolve("state");
    }

    /** A CSV of id,text rows. */
    private Path input(Map<String, String> rows) throws Exception {
        Path csv = Files.createTempFile(tmp, "input", ".csv");
        Files.writeString(csv, new TreeMap<>(rows).entrySet().stream()
                .map(e -> e.getKey() + "," + e.getValue())
                .collect(Collectors.joining("\n", "id,text\n", "\n")), StandardCharsets.UTF_8);
        return csv;
    }

    /**
     * The table's rows as id to the prompt of the row's text, each row checked to hold the
     * emulator's answer to exactly that prompt.
     */
    private Map<String, String> answersByPrompt(String table) {
        Map<String, String> byId = new TreeMap<>();
        for (Row r : spark().table(table).collectAsList()) {
            String prompt = "Say: " + r.getAs("text");
            assertEquals("OK", r.getAs("status"), r::toString);
            assertEquals(EmulatorAnswers.textFor(MODEL, prompt), r.getAs("answer"));
            byId.put(r.getAs("id"), prompt);
        }
        return byId;
    }
}
