package dev.gembatch.model;

import java.io.Serializable;

/**
 * What one row's answer was billed as: the service tier asked for (standard, flex, priority;
 * standard too for a Flex row sent at standard by the deadline fallback), the tier that served it
 * (the {@code x-gemini-service-tier} header, else {@code usageMetadata.serviceTier}, else the tier
 * asked for; a Priority request served at standard was downgraded), and its estimated cost in USD
 * at that tier's and the cache's prices (null when nothing was billed or the row was not sent).
 */
public record Billing(String requestedTier, String servedTier, Double costUsd)
        implements Serializable {

    /** Nothing known: a row that was not sent, or an answer before it was priced. */
    public static final Billing NONE = new Billing(null, null, null);

    /** True when a Priority request was served at another tier (over Priority's limit). */
    public boolean downgraded() {
        return "priority".equals(requestedTier) && servedTier != null
                && !"priority".equals(servedTier);
    }

    /** This billing with its cost. */
    public Billing costing(Double usd) {
        return new Billing(requestedTier, servedTier, usd);
    }
}
