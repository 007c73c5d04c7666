package dev.gembatch.job;

import dev.gembatch.model.TokenEstimate;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.transport.GeminiRequest;
import dev.gembatch.transport.TokenCounter;
import dev.gembatch.transport.UnknownModelException;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Prompt tokens of the sample rows that would be sent, and the characters they have: from
 * countTokens while it answers, else by {@link TokenEstimate} (one token per 4 characters,
 * rounded up per request). {@code fallback} says why the heuristic was used, or is null.
 */
record TokenSample(int requests, long chars, long tokens, String fallback) {

    /**
     * Counts the sample; falls back to the heuristic when countTokens fails, except when it says
     * the model does not exist.
     */
    static TokenSample measure(RowPlan plan, List<Row> sample, TokenCounter counter)
            throws UnknownModelException {
        int requests = 0;
        long chars = 0;
        long tokens = 0;
        for (Row row : sample) {
            long c = PromptCensus.chars(plan, row);
            if (c < 0) {
                continue;
            }
            try {
                tokens += counter.count(new GeminiRequest(plan.model(),
                        plan.request(row).body()));
            } catch (UnknownModelException e) {
                throw e;
            } catch (IOException e) {
                return heuristic(plan, sample, e.getMessage());
            }
            requests++;
            chars += c;
        }
        return new TokenSample(requests, chars, tokens, null);
    }

    private static TokenSample heuristic(RowPlan plan, List<Row> sample, String why) {
        int requests = 0;
        long chars = 0;
        long tokens = 0;
        for (Row row : sample) {
            long c = PromptCensus.chars(plan, row);
            if (c >= 0) {
                requests++;
                chars += c;
                tokens += TokenEstimate.of(c);
            }
        }
        return new TokenSample(requests, chars, tokens, why);
    }

    /** Tokens per character of the sample (the heuristic's 1/4 when the sample is empty). */
    double tokensPerChar() {
        return chars == 0 ? 1.0 / TokenEstimate.CHARS_PER_TOKEN : (double) tokens / chars;
    }
}
