package dev.gembatch.config;

import java.io.Serializable;

/**
 * Run-wide spending limits ({@code budget.*}): requests sent, tokens used, estimated cost in USD.
 * 0 means no limit. Once one is reached the remaining rows are skipped, not sent.
 */
public record BudgetSettings(long maxRequests, long maxTotalTokens, double maxCost)
        implements Serializable {

    /** No limit at all. */
    public static final BudgetSettings NONE = new BudgetSettings(0, 0, 0);

    /** True when at least one limit is set. */
    public boolean limited() {
        return maxRequests > 0 || maxTotalTokens > 0 || maxCost > 0;
    }
}
