package dev.gembatch.job;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.model.TokenEstimate;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.transport.GeminiRequest;
import dev.gembatch.transport.TokenCounter;
import dev.gembatch.transport.UnknownModelException;
import java.io.IOException;

/**
 * The tokens of the part of an answer column's requests that is the same for every row, the
 * part a context cache would hold: its system instruction when that has no placeholders, counted
 * with the endpoint's countTokens, and its tools and tool config, estimated at 4 characters of
 * their JSON per token (countTokens counts contents only). Without countTokens, the same
 * heuristic for all of it.
 */
final class SharedPart {
    private SharedPart() {
    }

    /** The shared tokens; 0 when nothing is shared, -1 when the instruction has placeholders. */
    static long tokens(RowPlan plan, AnswerColumn a, TokenCounter counter)
            throws UnknownModelException {
        String system = plan.sharedSystemText();
        if (system == null && a.prompt().systemInstruction() != null) {
            return -1;
        }
        String tools = plan.bodies().sharedJson(null);
        long toolTokens = tools == null ? 0 : TokenEstimate.of(tools.length());
        if (system == null) {
            return toolTokens;
        }
        try {
            return toolTokens + counter.count(new GeminiRequest(plan.model(),
                    plan.bodies().body("", system)));
        } catch (UnknownModelException e) {
            throw e;
        } catch (IOException e) {
            return toolTokens + TokenEstimate.of(system.length());
        }
    }
}
