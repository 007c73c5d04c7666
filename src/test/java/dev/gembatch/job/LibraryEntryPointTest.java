package dev.gembatch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gembatch.config.InvalidConfigException;
import dev.gembatch.emulator.EmulatorAnswers;
import dev.gembatch.emulator.EmulatorOptions;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.output.ResultSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library entry point answers a Dataset the application already holds: the same result
 * columns a job writes, every request paid once however many actions run on the result, and
 * every problem with the settings or the columns reported at once before anything is sent.
 */
class LibraryEntryPointTest extends SparkTestBase {
    private static final String MODEL = "gemini-2.5-flash";

    @RegisterExtension
    static final JobFixture fixture = new JobFixture(EmulatorOptions.defaults());

    @TempDir
    Path tmp;

    private Gembatch gembatch(String... extra) throws InvalidConfigException {
        List<String> sets = new ArrayList<>(List.of(
                "gemini.base-url=\"" + fixture.emulator.baseUrl() + "\"",
                "gemini.api-key=\"" + fixture.emulator.apiKey() + "\""));
        sets.addAll(Arrays.asList(extra));
        return Gembatch.fromSettings(String.join("\n",
                "prompt.template = \"Label: {{text}}\"",
                "model.name = " + MODEL,
                "spark.partitions = 2"), sets.toArray(String[]::new));
    }

    private Dataset<Row> rows(int n) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("text", DataTypes.StringType);
        List<Row> rows = IntStream.range(0, n).mapToObj(i -> RowFactory.create(i,
                "review " + (i % (n - 5)))).toList(); // five repeated texts: dedupe sends each once
        return spark().createDataFrame(rows, schema);
    }

    @Test
    void twoActionsOnTheAnsweredRowsSendEachRequestOnce() throws Exception {
        Dataset<Row> answered = gembatch().answer(rows(30));
        long sentByAnswer = fixture.emulator.stats().totalRequests();
        assertEquals(25, sentByAnswer, "one request per distinct prompt, sent by answer()");
        assertEquals(30, answered.count());
        List<Row> all = answered.collectAsList();
        assertEquals(25, fixture.emulator.stats().totalRequests(), "the actions sent nothing");
        for (Row r : all) {
            assertEquals("OK", r.getAs("status"), r::toString);
            assertEquals(EmulatorAnswers.textFor(MODEL, "Label: " + r.getAs("text")),
                    r.getAs("answer"));
        }
        answered.unpersist();
    }

    @Test
    void withAStoreASecondCallSendsOnlyWhatTheFirstDidNotAnswer() throws Exception {
        String store = "store.path=\"" + tmp.resolve("store").toUri() + "\"";
        Dataset<Row> first = gembatch(store).answer(rows(30));
        assertEquals(25, fixture.emulator.stats().totalRequests());
        Assertions.assertTrue(first.collectAsList().stream()
                .noneMatch(r -> r.<Boolean>getAs("from_store")));
        first.unpersist();

        fixture.emulator.resetStats();
        Dataset<Row> second = gembatch(store).answer(rows(40)); // 10 new distinct texts
        assertEquals(10, fixture.emulator.stats().totalRequests(), "only the new prompts sent");
        List<Row> all = second.collectAsList();
        assertEquals(30, all.stream().filter(r -> r.<Boolean>getAs("from_store")).count());
        for (Row r : all) {
            assertEquals("OK", r.getAs("status"), r::toString);
            assertEquals(EmulatorAnswers.textFor(MODEL, "Label: " + r.getAs("text")),
                    r.getAs("answer"));
        }
        second.unpersist();
    }

    @Test
    void theAnsweredRowsHaveExactlyTheResultColumnsAJobWrites() throws Exception {
        Gembatch g = gembatch();
        Dataset<Row> answered = g.answer(rows(8));
        List<String> expected = new ArrayList<>(List.of("id", "text"));
        expected.addAll(ResultSchema.columnNames(""));
        assertEquals(expected, Arrays.asList(answered.columns()));
        assertEquals(ResultSchema.columnNames(""), g.resultColumns());
        answered.unpersist();
    }

    @Test
    void everySettingsProblemIsReportedAtOnceAndNothingIsSent() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> gembatch("gemini.concurrency=0", "model.generation.temperature=9",
                        "gemini.concurency=4"));
        Assertions.assertTrue(e.getMessage().contains("gemini.concurrency"), e.getMessage());
        Assertions.assertTrue(e.getMessage().contains("model.generation.temperature"),
                e.getMessage());
        Assertions.assertTrue(e.getMessage().contains("gemini.concurency"), e.getMessage());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }

    @Test
    void aMissingColumnIsReportedBeforeAnythingIsSent() throws Exception {
        Gembatch g = gembatch("prompt.template=\"{{title}}: {{body}}\"");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> g.answer(rows(8)));
        Assertions.assertTrue(e.getMessage().contains("'title'"), e.getMessage());
        Assertions.assertTrue(e.getMessage().contains("'body'"), e.getMessage());
        assertEquals(0, fixture.emulator.stats().totalRequests());
    }
}
