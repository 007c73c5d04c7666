package dev.gembatch.output;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Usage;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns one {@link Answer} into the values of the result columns, in {@link ResultSchema} order,
 * as Spark's external row types (String, Integer, Long, Timestamp, List of Row).
 */
public final class ResultValues {
    private ResultValues() {
    }

    /** The result values for a row whose request hashes to {@code requestId}. */
    public static Object[] of(String requestId, Answer a) {
        Candidate first = a.first();
        PromptFeedback feedback = a.promptFeedback();
        Usage u = a.usage();
        ErrorInfo e = a.error();
        return new Object[] {
            requestId,
            first == null ? null : first.text(),
            first == null ? null : first.thoughts(),
            first == null ? null : first.finishReason(),
            first == null ? null : first.finishMessage(),
            first == null ? List.of() : ratings(first.safetyRatings()),
            feedback == null ? null : feedback.blockReason(),
            feedback == null ? null : feedback.blockMessage(),
            feedback == null ? List.of() : ratings(feedback.safetyRatings()),
            first == null ? List.of() : citations(first.citations()),
            a.candidates().size() > 1 ? candidates(a.candidates()) : null,
            u.promptTokens(), u.outputTokens(), u.thoughtsTokens(), u.cachedTokens(),
            u.totalTokens(),
            a.modelVersion(), a.responseId(),
            a.status().name(),
            e == null ? null : e.httpCode(),
            e == null ? null : e.status(),
            e == null ? null : e.message(),
            a.attempts(), a.ttftMs(), a.latencyMs(), a.chunks(),
            a.completedAt() == null ? null : Timestamp.from(a.completedAt())};
    }

    private static List<Row> ratings(List<SafetyRating> ratings) {
        return ratings.stream().map(r -> RowFactory.create(r.category(), r.probability(),
                r.probabilityScore(), r.severity(), r.severityScore(), r.blocked())).toList();
    }

    private static List<Row> citations(List<Citation> citations) {
        return citations.stream().map(c -> RowFactory.create(c.startIndex(), c.endIndex(),
                c.uri(), c.title(), c.license())).toList();
    }

    private static List<Row> candidates(List<Candidate> candidates) {
        return candidates.stream().map(c -> RowFactory.create(c.index(), c.text(),
                c.finishReason())).toList();
    }
}
