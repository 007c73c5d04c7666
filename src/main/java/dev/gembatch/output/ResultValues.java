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
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Turns one {@link Answer} into the values of the result columns, in {@link ResultSchema} order,
 * as Spark's external row types (String, Integer, Long, Timestamp, Seq of Row).
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
            first == null ? seq(List.of()) : ratings(first.safetyRatings()),
            feedback == null ? null : feedback.blockReason(),
            feedback == null ? null : feedback.blockMessage(),
            feedback == null ? seq(List.of()) : ratings(feedback.safetyRatings()),
            first == null ? seq(List.of()) : citations(first.citations()),
            a.candidates().size() > 1 ? candidates(a.candidates()) : null,
            u.promptTokens(), u.outputTokens(), u.thoughtsTokens(), u.cachedTokens(),
            u.totalTokens(),
            a.billing().requestedTier(), a.billing().servedTier(), a.billing().costUsd(),
            a.modelVersion(), a.responseId(),
            a.status().name(),
            e == null ? null : e.httpCode(),
            e == null ? null : e.status(),
            e == null ? null : e.message(),
            a.attempts(), a.ttftMs(), a.latencyMs(), a.chunks(),
            a.completedAt() == null ? null : Timestamp.from(a.completedAt())};
    }

    private static Seq<Row> ratings(List<SafetyRating> ratings) {
        return seq(ratings.stream().map(r -> RowFactory.create(r.category(), r.probability(),
                r.probabilityScore(), r.severity(), r.severityScore(), r.blocked())).toList());
    }

    private static Seq<Row> citations(List<Citation> citations) {
        return seq(citations.stream().map(c -> RowFactory.create(c.startIndex(), c.endIndex(),
                c.uri(), c.title(), c.license())).toList());
    }

    private static Seq<Row> candidates(List<Candidate> candidates) {
        return seq(candidates.stream().map(c -> RowFactory.create(c.index(), c.text(),
                c.finishReason())).toList());
    }

    /** Spark's external type for an array column is a Scala Seq. */
    private static Seq<Row> seq(List<Row> rows) {
        return JavaConverters.asScalaBuffer(rows).toList();
    }
}
