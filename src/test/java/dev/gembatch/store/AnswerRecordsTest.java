package dev.gembatch.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import dev.gembatch.output.ResultValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed answer record the journal writes: every result column survives a file, a request
 * sent without an answer reads as such, and a file of the Java-serialized journal format of
 * earlier builds (kept under src/test/resources/journal-java-serialized) is refused by name,
 * merged files keep every record, and a file on the local disk is written without Hadoop's
 * checksum file (dropping a stale one).
 */
class AnswerRecordsTest {
    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    @Test
    void everyResultColumnOfAnAnswerSurvivesItsRecord() throws Exception {
        SafetyRating rating = new SafetyRating("HARM_CATEGORY_HATE_SPEECH", "LOW", 0.25, "NEGLIGIBLE",
                0.5, false);
        Answer rich = new Answer(Status.TRUNCATED, List.of(
                new Candidate(0, "first", "thinking", "MAX_TOKENS", "cut", List.of(rating),
                        List.of(new Citation(1, 9, "https://example.com/a", "A", null))),
                new Candidate(1, "second", null, "STOP", null, List.of(), List.of())),
                new PromptFeedback(null, null, List.of(rating)),
                new Usage(11, 22, 33, 4, null, 70), "gemini-2.5-flash-001", "resp-1",
                ErrorInfo.of(ErrorStatus.TIMEOUT, "slow"), 3, 120L, 900L, 7,
                Instant.parse("2026-12-06T23:10:11.123456Z"),
                new Billing("flex", "standard", 0.0125));
        Answer failed = Answer.failed(ErrorInfo.fromServer(503, "UNAVAILABLE", null, "busy",
                true), 2, null, 40L, Instant.parse("2026-12-06T23:10:12Z"));
        Map<String, Answer> read = writeAndRead(Map.of("rich", rich, "failed", failed),
                List.of("sent-only"), new ArrayList<>());

        assertArrayEquals(ResultValues.of("rich", rich), ResultValues.of("rich", read.get("rich")));
        assertArrayEquals(ResultValues.of("failed", failed),
                ResultValues.of("failed", read.get("failed")));
        assertEquals(2, read.size(), "the request sent without an answer is no answer");
    }

    @Test
    void aRequestSentWithoutAnAnswerReadsAsSent() throws Exception {
        List<String> sent = new ArrayList<>();
        writeAndRead(Map.of(), List.of("r1", "r2"), sent);
        assertEquals(List.of("r1", "r2"), sent);
    }

    @Test
    void aJournalFileOfTheJavaSerializedFormatIsRefusedByName() {
        org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(Path.of(
                "src/test/resources/journal-java-serialized/run-1796600609770-fd418d42/p0/"
                        + "s0a0-0.parquet").toAbsolutePath().toUri());
        IOException e = assertThrows(IOException.class, () -> AnswerRecords.read(conf, old,
                new Collect(new LinkedHashMap<>(), new ArrayList<>())));
        assertTrue(e.getMessage().contains("s0a0-0.parquet holds answer records of format"
                + " version 0; this build reads versions 1 to 1"), e.getMessage());
    }

    @Test
    void mergedFilesKeepEveryRecordInOrderButTheSendsRefused() throws Exception {
        Answer one = Answer.failed(ErrorInfo.of(ErrorStatus.TIMEOUT, "slow"), 1, null, 5L,
                Instant.parse("2026-12-07T10:00:00Z"));
        Answer two = Answer.failed(ErrorInfo.of(ErrorStatus.TIMEOUT, "slower"), 2, null, 6L,
                Instant.parse("2026-12-07T10:00:01Z"));
        org.apache.hadoop.fs.Path merged = hadoopPath("m.parquet");
        assertEquals(3, AnswerRecords.merge(conf, List.of(
                written("a.parquet", Map.of("r1", one), List.of("s1", "answered since")),
                written("b.parquet", Map.of("r2", two), List.of())), merged, "s1"::equals));
        assertEquals(AnswerRecords.VERSION, AnswerRecords.version(conf, merged));
        Map<String, Answer> read = new LinkedHashMap<>();
        List<String> sent = new ArrayList<>();
        AnswerRecords.read(conf, merged, new Collect(read, sent));
        assertEquals(List.of("r1", "r2"), List.copyOf(read.keySet()));
        assertArrayEquals(ResultValues.of("r2", two), ResultValues.of("r2", read.get("r2")));
        assertEquals(List.of("s1"), sent);
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(List.of("a.parquet", "b.parquet", "m.parquet"), files.map(f -> f
                    .getFileName().toString()).sorted().toList(), "written straight to the local"
                    + " disk: no checksum files (Hadoop's would start a chmod process for each)");
        }
    }

    @Test
    void aFileWrittenOverOneHadoopWroteWithItsChecksumReadsBack() throws Exception {
        org.apache.hadoop.fs.Path file = hadoopPath("r.parquet");
        org.apache.hadoop.fs.FileSystem.getLocal(conf).create(file, true).close();
        assertTrue(java.nio.file.Files.exists(dir.resolve(".r.parquet.crc")));
        Map<String, Answer> read = writeAndRead(Map.of("r1", Answer.failed(ErrorInfo.of(
                ErrorStatus.TIMEOUT, "slow"), 1, null, 5L, Instant.parse("2026-12-07T10:00:00Z"))),
                List.of(), new ArrayList<>());
        assertEquals(List.of("r1"), List.copyOf(read.keySet()), "the old checksum is gone");
    }

    private org.apache.hadoop.fs.Path hadoopPath(String name) {
        return new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
    }

    private org.apache.hadoop.fs.Path written(String name, Map<String, Answer> answers,
                                              List<String> sends) throws IOException {
        org.apache.hadoop.fs.Path file = hadoopPath(name);
        try (AnswerRecords.Writer w = AnswerRecords.create(conf, file)) {
            for (Map.Entry<String, Answer> e : answers.entrySet()) {
                w.answer(e.getKey(), e.getValue());
            }
            for (String id : sends) {
                w.sent(id);
            }
        }
        return file;
    }

    private Map<String, Answer> writeAndRead(Map<String, Answer> answers, List<String> sends,
                                             List<String> sent) throws IOException {
        org.apache.hadoop.fs.Path file = written("r.parquet", answers, sends);
        assertEquals(AnswerRecords.VERSION, AnswerRecords.version(conf, file));
        Map<String, Answer> read = new LinkedHashMap<>();
        AnswerRecords.read(conf, file, new Collect(read, sent));
        return read;
    }

    private record Collect(Map<String, Answer> answers, List<String> sent)
            implements AnswerRecords.Sink {
        @Override
        public void answer(String requestId, Answer answer) {
            answers.put(requestId, answer);
        }

        @Override
        public void sent(String requestId) {
            sent.add(requestId);
        }
    }
}
