package dev.gembatch.report;

import dev.gembatch.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a finished run did: answers by status (one per row, or per row and answer column in a
 * spreadsheet job with {@code answerColumns} > 1), retries, tokens, wall time, what the journal
 * and dedupe saved, and notes (lines about the input worth a user's attention, such as rows that
 * could not be sent).
 */
public record RunSummary(String outputPath, Map<Status, Long> rows, long retries,
                         long promptTokens, long outputTokens, long millis, List<String> notes,
                         Recovery recovery, int answerColumns) {

    /**
     * What the journal and dedupe did: answers journaled, answers reused (journal or earlier
     * output) instead of sent, rows deduplicated, requests re-sent by retried tasks.
     */
    public record Recovery(long journaled, long resumed, long deduplicated, long resent) {
        public static final Recovery NONE = new Recovery(0, 0, 0, 0);
    }

    public RunSummary {
        rows = Map.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public RunSummary(String outputPath, Map<Status, Long> rows, long retries, long promptTokens,
                      long outputTokens, long millis) {
        this(outputPath, rows, retries, promptTokens, outputTokens, millis, List.of(),
                Recovery.NONE, 1);
    }

    /** This summary with these notes added. */
    public RunSummary withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new RunSummary(outputPath, rows, retries, promptTokens, outputTokens, millis, all,
                recovery, answerColumns);
    }

    /** This summary of a job with {@code n} answer columns (its counts are answers). */
    public RunSummary withAnswerColumns(int n) {
        return new RunSummary(outputPath, rows, retries, promptTokens, outputTokens, millis, notes,
                recovery, n);
    }

    /** What the status counts count: rows, or answers in a spreadsheet job. */
    public String unit() {
        return answerColumns > 1 ? "answers" : "rows";
    }

    /** Rows written (answers, in a spreadsheet job). */
    public long total() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows with this status. */
    public long count(Status s) {
        return rows.getOrDefault(s, 0L);
    }

    /** A few human lines for the console. */
    public String toText() {
        StringJoiner byStatus = new StringJoiner(", ");
        for (Status s : Status.values()) {
            if (count(s) > 0) {
                byStatus.add(s.name() + " " + count(s));
            }
        }
        String written = answerColumns > 1 ? String.format("%d rows (%d answers in %d answer"
                + " columns)", total() / answerColumns, total(), answerColumns)
                : total() + " rows";
        String text = String.format("gembatch: %s written to %s in %.1f s%n"
                        + "  status: %s%n  retries: %d, tokens in: %d, out: %d%n"
                        + "  journaled: %d, resumed: %d, deduplicated: %d, re-sent: %d",
                written, outputPath, millis / 1000.0, byStatus, retries, promptTokens,
                outputTokens, recovery.journaled(), recovery.resumed(), recovery.deduplicated(),
                recovery.resent());
        return notes.isEmpty() ? text
                : text + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", notes);
    }
}
