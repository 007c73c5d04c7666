package dev.gembatch.output;

import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.Candidate;
import dev.gembatch.model.Citation;
import dev.gembatch.model.ErrorInfo;
import dev.gembatch.model.PromptFeedback;
import dev.gembatch.model.SafetyRating;
import dev.gembatch.model.Status;
import dev.gembatch.model.Usage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Turns one {@link Answer} into the values of the result columns, in {@link ResultSchema} order,
 * as Spark's external row types (String, Integer, Long, Timestamp, Seq of Row), and such values
 * back into an answer ({@link #answerOf}) that gives the same values again.
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

    /**
     * The answer whose result values are {@code v} (as {@link #of} gives them): what the result
     * columns do not hold (an error's reason, tool-use tokens, the thoughts and ratings of a
     * candidate other than the first) is left out.
     */
    public static Answer answerOf(Object[] v) {
        List<Candidate> candidates = candidatesOf(v);
        List<SafetyRating> promptRatings = list(v[8], ResultValues::rating);
        PromptFeedback feedback = v[6] == null && v[7] == null && promptRatings.isEmpty() ? null
                : new PromptFeedback((String) v[6], (String) v[7], promptRatings);
        Usage usage = new Usage((Integer) v[11], (Integer) v[12], (Integer) v[13],
                (Integer) v[14], null, (Integer) v[15]);
        ErrorInfo error = v[22] == null && v[23] == null && v[24] == null ? null
                : new ErrorInfo((Integer) v[22], (String) v[23], null, (String) v[24], false);
        return new Answer(Status.valueOf((String) v[21]), candidates, feedback, usage,
                (String) v[19], (String) v[20], error, v[25] == null ? 0 : (Integer) v[25],
                (Long) v[26], (Long) v[27], v[28] == null ? 0 : (Integer) v[28],
                v[29] == null ? null : ((Timestamp) v[29]).toInstant(),
                new Billing((String) v[16], (String) v[17], (Double) v[18]));
    }

    /** The first candidate from the top-level columns, the others from the candidates column. */
    private static List<Candidate> candidatesOf(Object[] v) {
        if (v[1] == null) {
            return List.of();
        }
        List<Candidate> all = new ArrayList<>(list(v[10], r -> new Candidate(r.getInt(0),
                r.getString(1), null, r.getString(2), null, List.of(), List.of())));
        Candidate first = new Candidate(all.isEmpty() ? 0 : all.get(0).index(), (String) v[1],
                (String) v[2], (String) v[3], (String) v[4], list(v[5], ResultValues::rating),
                list(v[9], r -> new Citation((Integer) r.get(0), (Integer) r.get(1),
                        r.getString(2), r.getString(3), r.getString(4))));
        if (all.isEmpty()) {
            all.add(first);
        } else {
            all.set(0, first);
        }
        return all;
    }

    private static SafetyRating rating(Row r) {
        return new SafetyRating(r.getString(0), r.getString(1), (Double) r.get(2),
                r.getString(3), (Double) r.get(4), (Boolean) r.get(5));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object seq, Function<Row, T> element) {
        return seq == null ? List.of() : JavaConverters.seqAsJavaList((Seq<Row>) seq).stream()
                .map(element).toList();
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
