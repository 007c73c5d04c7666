package dev.gembatch.report;

import dev.gembatch.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a finished run did: rows by status, retries, tokens, wall time, and notes (lines about
 * the input worth a user's attention, such as rows that could not be sent).
 */
public record RunSummary(String outputPath, Map<Status, Long> rows, long retries,
                         long promptTokens, long outputTokens, long millis, List<String> notes) {

    public RunSummary {
        rows = Map.copyOf(rows);
        notes = List.copyOf(notes);
    }

    public RunSummary(String outputPath, Map<Status, Long> rows, long retries, long promptTokens,
                      long outputTokens, long millis) {
        this(outputPath, rows, retries, promptTokens, outputTokens, millis, List.of());
    }

    /** This summary with these notes added. */
    public RunSummary withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new RunSummary(outputPath, rows, retries, promptTokens, outputTokens, millis, all);
    }

    /** Rows written. */
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
        String text = String.format("gembatch: %d rows written to %s in %.1f s%n"
                        + "  status: %s%n  retries: %d, tokens in: %d, out: %d",
                total(), outputPath, millis / 1000.0, byStatus, retries, promptTokens,
                outputTokens);
        return notes.isEmpty() ? text
                : text + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", notes);
    }
}
