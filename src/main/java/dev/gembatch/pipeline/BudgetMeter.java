package dev.gembatch.pipeline;

import dev.gembatch.config.Price;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Usage;

/**
 * One task's share of the run budget: counts requests sent and the tokens and estimated cost of
 * the answers emitted, and says when sending must stop. A limit below 0 means none. Used by the
 * task's own thread only.
 */
final class BudgetMeter {
    private final Price price;
    private final long maxRequests;
    private final double maxTokens;
    private final double maxCost;
    private long requests;
    private long tokens;
    private double cost;

    BudgetMeter(Price price, long maxRequests, double maxTokens, double maxCost) {
        this.price = price;
        this.maxRequests = maxRequests;
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
    }

    static BudgetMeter unlimited() {
        return new BudgetMeter(Price.FREE, -1, -1, -1);
    }

    /** Why nothing more may be sent, or null while the share lasts. */
    String exhausted() {
        if (maxRequests >= 0 && requests >= maxRequests) {
            return "budget.max-requests reached (this task's share: " + maxRequests + " requests)";
        }
        if (maxTokens >= 0 && tokens >= maxTokens) {
            return "budget.max-total-tokens reached (this task's share: " + Math.round(maxTokens)
                    + " tokens, used " + tokens + ")";
        }
        if (maxCost >= 0 && cost >= maxCost) {
            return String.format("budget.max-cost reached (this task's share: $%.4f, used $%.4f)",
                    maxCost, cost);
        }
        return null;
    }

    void sent() {
        requests++;
    }

    /** Adds what an emitted answer used. */
    void used(Answer answer) {
        Usage u = answer.usage();
        long in = orZero(u.promptTokens());
        long out = orZero(u.outputTokens());
        long thoughts = orZero(u.thoughtsTokens());
        tokens += u.totalTokens() != null ? u.totalTokens() : in + out + thoughts;
        cost += price.cost(in, out, thoughts);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
