package dev.gembatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The named ways to make an {@link Answer} say what the full constructor would. */
class AnswerTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void aSkippedRowWasNeverSentAndSaysWhy() {
        Answer a = Answer.skipped(ErrorStatus.BUDGET_EXHAUSTED, "max-requests 5", AT);
        assertEquals(new Answer(Status.SKIPPED, List.of(), null, Usage.NONE, null, null,
                new ErrorInfo(null, "BUDGET_EXHAUSTED", null, "max-requests 5", false), 0, null,
                null, 0, AT), a);
    }

    @Test
    void aFailureWithNothingReceivedKeepsOnlyHowItWent() {
        ErrorInfo e = ErrorInfo.of(null, ErrorStatus.TIMEOUT, "the row's deadline", true);
        Answer a = Answer.failed(e, 3, 40L, 9000L, AT);
        assertEquals(new Answer(Status.FAILED, null, null, null, null, null, e, 3, 40L, 9000L, 0,
                AT), a);
    }

    @Test
    void failedWithKeepsWhatWasReceivedAndHowItWent() {
        Candidate c = new Candidate(0, "{\"a\": ", null, "STOP", null, null, null);
        Answer ok = new Answer(Status.OK, List.of(c), null, new Usage(5, 7, null, null, 12, null),
                "m-1", "r-1", null, 2, 30L, 80L, 4, AT);
        ErrorInfo e = ErrorInfo.of(ErrorStatus.INVALID_JSON, "not JSON");
        Answer failed = ok.failedWith(e);
        assertEquals(new Answer(Status.FAILED, List.of(c), null, ok.usage(), "m-1", "r-1", e, 2,
                30L, 80L, 4, AT), failed);
        assertNull(ok.error());
    }

    @Test
    void anAnswerSurvivesJavaSerialization() throws Exception {
        Answer a = Answer.skipped(ErrorStatus.UPSTREAM_NOT_OK, "the answer summary is BLOCKED", AT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(a, in.readObject());
        }
    }
}
