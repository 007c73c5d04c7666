package dev.gembatch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gembatch.config.StoreSettings;
import dev.gembatch.job.SparkTestBase;
import dev.gembatch.model.Status;
import dev.gembatch.output.ResultSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's commit protocol and error rules on real Parquet files: concurrent commits both
 * keep their answers, a staging folder left by a killed commit is never read, a newer format or a
 * folder of other files refuses the store, an unreadable segment is skipped and named,
 * compaction merges atomically and drops expired answers, and a store written by this version
 * (the fixture under src/test/resources/store-v1) is read.
 */
class AnswerStoreTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";
    private static final String ENDPOINT = "http://127.0.0.1:1";

    @TempDir
    Path tmp;

    @Test
    void twoRunsCommittingAtOnceBothKeepTheirAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> commits = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                int base = run * 100;
                commits.add(pool.submit((Callable<Long>) () -> {
                    AnswerStore store = store();
                    return store.commit(output(store, base, 100),
                            List.of(new AnswerStore.Source("", MODEL)));
                }));
            }
            for (Future<Long> c : commits) {
                assertEquals(100, c.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(200, store().hits(ids(0, 200), "id", MODEL).count());
    }

    @Test
    void aRunThatSentNothingAddsNoSegment() throws Exception {
        commit(0, 3);
        AnswerStore store = store();
        Dataset<Row> answeredElsewhere = output(store(), 3, 2);
        assertEquals(0, store.commit(answeredElsewhere, List.of(new AnswerStore.Source("",
                MODEL))));
        try (Stream<Path> s = Files.list(tmp.resolve("store/segments"))) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aCommitKilledBeforeItsRenameLeavesTheStoreAsItWas() throws Exception {
        commit(0, 10);
        Path staging = tmp.resolve("store/_staging/seg-killed/model=x");
        Files.createDirectories(staging);
        Files.writeString(staging.resolveSibling("half.parquet"), "PAR1 half written");
        assertEquals(10, store().hits(ids(0, 20), "id", MODEL).count());
        Assertions.assertTrue(store().notes().isEmpty());
    }

    @Test
    void aStoreOfANewerFormatIsRefused() throws Exception {
        commit(0, 1);
        Files.deleteIfExists(tmp.resolve("store/._gembatch_store.json.crc"));
        Files.writeString(tmp.resolve("store/_gembatch_store.json"),
                "{\"format\":\"gembatch-answer-store\",\"version\":2}");
        AnswerStore.Refused e = assertThrows(AnswerStore.Refused.class, this::store);
        Assertions.assertTrue(e.getMessage().contains("newer gembatch (store format version 2"),
                e.getMessage());
    }

    @Test
    void aFolderOfOtherFilesIsRefused() throws Exception {
        Files.createDirectories(tmp.resolve("store"));
        Files.writeString(tmp.resolve("store/labels.csv"), "a,b");
        AnswerStore.Refused e = assertThrows(AnswerStore.Refused.class, this::store);
        Assertions.assertTrue(e.getMessage().contains("not an answer store")
                && e.getMessage().contains("labels.csv"), e.getMessage());
    }

    @Test
    void anUnreadableSegmentIsSkippedAndNamed() throws Exception {
        commit(0, 5);
        commit(5, 5);
        Path segments = tmp.resolve("store/segments");
        Path broken;
        try (Stream<Path> s = Files.list(segments)) {
            broken = s.sorted().findFirst().orElseThrow();
        }
        try (Stream<Path> files = Files.walk(broken)) {
            Path data = files.filter(f -> f.toString().endsWith(".parquet")).findFirst()
                    .orElseThrow();
            Files.write(data, "not parquet".getBytes(StandardCharsets.UTF_8));
        }
        AnswerStore store = store();
        assertEquals(1, store.notes().size());
        Assertions.assertTrue(store.notes().get(0).contains(broken.getFileName().toString()),
                store.notes().get(0));
        assertEquals(5, store.hits(ids(0, 10), "id", MODEL).count());
    }

    @Test
    void compactionMergesSegmentsAndDropsExpiredAnswers() throws Exception {
        commit(0, 10);
        commit(5, 10);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        store().compact(new PrintStream(text, true, StandardCharsets.UTF_8));
        Assertions.assertTrue(text.toString(StandardCharsets.UTF_8).contains(
                "merged 2 segments (20 answers)"), text::toString);
        try (Stream<Path> s = Files.list(tmp.resolve("store/segments"))) {
            assertEquals(1, s.count());
        }
        assertEquals(15, store().hits(ids(0, 20), "id", MODEL).count());
        assertEquals(15, AnswerStore.all(spark(), Segments.of(folder())).count());

        AnswerStore expiring = AnswerStore.open(spark(), new StoreSettings(
                tmp.resolve("store").toString(), Duration.ofNanos(1), Map.of(), 1),
                ENDPOINT);
        expiring.compact(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertEquals(0, AnswerStore.all(spark(), Segments.of(folder())).count());
    }

    @Test
    void aStoreWrittenByVersionOneIsRead() throws Exception {
        Path fixture = Path.of("src/test/resources/store-v1");
        AnswerStore v1 = AnswerStore.open(spark(), new StoreSettings(fixture.toString(),
                Duration.ZERO, Map.of(), 1), "emulator");
        Assertions.assertTrue(v1.notes().isEmpty(), v1.notes()::toString);
        List<Row> hits = v1.hits(spark().read().parquet(fixture.resolveSibling(
                "store-v1-requests").toString()), "request_id", MODEL).collectAsList();
        assertEquals(3, hits.size());
        hits.forEach(r -> assertEquals("OK", r.getAs("status")));
        hits.forEach(r -> Assertions.assertTrue(r.<String>getAs("answer")
                .startsWith("Emulated answer to"), r::toString));
    }

    /**
     * No DuckDB or pyarrow on the build machine: the fixture's file is checked with Parquet's own
     * reader, without Spark: typed columns (strings as UTF-8 binary, counts as int32, the time
     * as Spark's int96 timestamp, ratings as a Parquet LIST), which those readers map directly.
     */
    @Test
    void theStoresFilesArePlainTypedParquet() throws Exception {
        Path file;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/store-v1"))) {
            file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        MessageType schema;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        }
        assertEquals(LogicalTypeAnnotation.stringType(),
                schema.getType("request_id").getLogicalTypeAnnotation());
        assertEquals(PrimitiveType.PrimitiveTypeName.BINARY,
                schema.getType("answer").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(PrimitiveType.PrimitiveTypeName.INT32,
                schema.getType("prompt_tokens").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(PrimitiveType.PrimitiveTypeName.INT96,
                schema.getType("stored_at").asPrimitiveType().getPrimitiveTypeName());
        assertEquals(LogicalTypeAnnotation.listType(),
                schema.getType("safety_ratings").getLogicalTypeAnnotation());
        Assertions.assertTrue(schema.containsField("model") && schema.containsField("endpoint"));
    }

    private AnswerStore store() throws Exception {
        return AnswerStore.open(spark(), new StoreSettings(tmp.resolve("store").toString(),
                Duration.ZERO, Map.of(), 1L << 30), ENDPOINT);
    }

    private StoreFolder folder() {
        return new StoreFolder(tmp.resolve("store").toString(),
                spark().sparkContext().hadoopConfiguration());
    }

    private void commit(int from, int n) throws Exception {
        AnswerStore store = store();
        assertEquals(n, store.commit(output(store, from, n), List.of(
                new AnswerStore.Source("", MODEL))));
    }

    /** An output of {@code n} OK rows answered by {@code store}'s run, about to commit. */
    private Dataset<Row> output(AnswerStore store, int from, int n) {
        StructType schema = AnswerStore.appendColumns(ResultSchema.appendTo(new StructType(), ""),
                "");
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            Object[] values = new Object[schema.size()];
            values[ResultSchema.indexOf("request_id")] = "r" + i;
            values[ResultSchema.indexOf("answer")] = "answer " + i;
            values[ResultSchema.indexOf("status")] = Status.OK.name();
            values[schema.size() - 2] = false;
            values[schema.size() - 1] = store.runId();
            rows.add(RowFactory.create(values));
        }
        return spark().createDataFrame(rows, schema);
    }

    private Dataset<Row> ids(int from, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            rows.add(RowFactory.create("r" + i));
        }
        return spark().createDataFrame(rows, new StructType().add("id", "string"));
    }
}
