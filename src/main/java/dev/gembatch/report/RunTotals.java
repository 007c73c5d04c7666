package dev.gembatch.report;

import dev.gembatch.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The totals a finished run's counters add up to: answers by status (one per row, or per row and
 * answer column in a spreadsheet job with {@code answerColumns} > 1), retries, tokens, wall time,
 * what the journal and dedupe saved, and notes (lines about the input worth a user's attention,
 * such as rows that could not be sent). Plain numbers, read once on the driver; the
 * {@link RunReport} adds cost and distributions and renders them.
 */
public record RunTotals(String outputPath, Map<Status, Long> rows, long retries,
                         long promptTokens, long outputTokens, long millis, List<String> notes,
                         Recovery recovery, int answerColumns, StoreUse store) {

    /**
     * What the journal and dedupe did: answers journaled, answers reused (journal or earlier
     * output) instead of sent, rows deduplicated, requests re-sent by retried tasks.
     */
    public record Recovery(long journaled, long resumed, long deduplicated, long resent) {
        public static final Recovery NONE = new Recovery(0, 0, 0, 0);
    }

    /**
     * What the answer store did ({@code on} false without a store): rows answered from it,
     * requests sent, and the tokens the stored answers cost when they were paid.
     */
    public record StoreUse(boolean on, long fromStore, long sent, long promptTokens,
                           long outputTokens, long thoughtsTokens) {
        public static final StoreUse OFF = new StoreUse(false, 0, 0, 0, 0, 0);
    }

    public RunTotals {
        rows = Map.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public RunTotals(String outputPath, Map<Status, Long> rows, long retries, long promptTokens,
                      long outputTokens, long millis) {
        this(outputPath, rows, retries, promptTokens, outputTokens, millis, List.of(),
                Recovery.NONE, 1, StoreUse.OFF);
    }

    /** These totals with these notes added. */
    public RunTotals withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new RunTotals(outputPath, rows, retries, promptTokens, outputTokens, millis, all,
                recovery, answerColumns, store);
    }

    /** These totals of a job with {@code n} answer columns (its counts are answers). */
    public RunTotals withAnswerColumns(int n) {
        return new RunTotals(outputPath, rows, retries, promptTokens, outputTokens, millis, notes,
                recovery, n, store);
    }

    /** These totals with what the answer store did. */
    public RunTotals withStore(StoreUse use) {
        return new RunTotals(outputPath, rows, retries, promptTokens, outputTokens, millis, notes,
                recovery, answerColumns, use);
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

    /** The report's first line: rows (and answers) written, where, and in how long. */
    public String headline() {
        String written = answerColumns > 1 ? String.format(Locale.ROOT, "%,d rows (%,d answers in"
                + " %d answer columns)", total() / answerColumns, total(), answerColumns)
                : String.format(Locale.ROOT, "%,d rows", total());
        return String.format(Locale.ROOT, "gembatch: %s written to %s in %.1f s", written,
                outputPath, millis / 1000.0);
    }
}
