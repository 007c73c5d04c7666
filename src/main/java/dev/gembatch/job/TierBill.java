package dev.gembatch.job;

import dev.gembatch.config.Price;
import dev.gembatch.config.ServiceTier;
import java.time.Duration;
import java.util.Locale;

/**
 * The dry run's bill per service tier, without and with an explicit context cache of the part of
 * every request that is the same for every row (a system instruction without placeholders), and
 * which of the two it would choose at the configured tier, and why. With a cache the shared
 * tokens are paid once at the input price (creating it), then read by every request at the
 * cached price, and stored for {@code dry-run.expected-run-time}; the tier's factor applies to
 * tokens, not to storage. All figures are the typical estimate's.
 */
final class TierBill {
    private final Price price;
    private final long requests;
    private final long inputTokens;
    private final long outputTokens;
    private final long sharedTokens;
    private final Duration runTime;

    /** {@code sharedTokens}: the tokens every request repeats (0 when none). */
    TierBill(Price price, long requests, long inputTokens, long outputTokens, long sharedTokens,
             Duration runTime) {
        this.price = price;
        this.requests = requests;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.sharedTokens = sharedTokens;
        this.runTime = runTime;
    }

    /** The bill at {@code tier} without a cache. */
    double without(ServiceTier tier) {
        return price.cost(inputTokens, outputTokens, 0) * price.factor(tier);
    }

    /** The bill at {@code tier} with a cache of the shared tokens. */
    double with(ServiceTier tier) {
        long read = sharedTokens * requests;
        double tokens = (Math.max(0, inputTokens - read) * price.inputPerMillion()
                + read * price.cachedInputPerMillion() + sharedTokens * price.inputPerMillion()
                + outputTokens * price.outputPerMillion()) / 1_000_000.0;
        return tokens * price.factor(tier) + storage();
    }

    /** True when a cache makes the bill at {@code tier} smaller. */
    boolean cachePays(ServiceTier tier) {
        return sharedTokens > 0 && with(tier) < without(tier);
    }

    String toText(ServiceTier tier) {
        StringBuilder out = new StringBuilder();
        out.append("  bill by tier:  ").append(row(false)).append(" (typical; pricing.tiers)\n");
        if (sharedTokens > 0) {
            out.append("  with a cache:  ").append(row(true)).append(String.format(Locale.ROOT,
                    " (%,d shared tokens, stored %s for $%.4f)%n", sharedTokens,
                    span(), storage()));
        }
        return out.append("  choice:        ").append(choice(tier)).append('\n').toString();
    }

    private String row(boolean cached) {
        StringBuilder s = new StringBuilder();
        for (ServiceTier t : ServiceTier.values()) {
            s.append(s.length() == 0 ? "" : " | ").append(t.wireName()).append(String.format(
                    Locale.ROOT, " ~$%.4f", cached ? with(t) : without(t)));
        }
        return s.toString();
    }

    private String choice(ServiceTier tier) {
        String at = "at " + tier.wireName() + ": ";
        if (sharedTokens == 0) {
            return at + "no cache: no part of the request is the same for every row (the system"
                    + " instruction is unset or has placeholders)";
        }
        double saved = (sharedTokens * requests - sharedTokens) / 1_000_000.0
                * (price.inputPerMillion() - price.cachedInputPerMillion()) * price.factor(tier);
        String why = String.format(Locale.ROOT, "reading %,d shared tokens %,d times at $%s"
                + " instead of $%s per 1M saves $%.4f, storing them for %s costs $%.4f",
                sharedTokens, requests, num(price.cachedInputPerMillion() * price.factor(tier)),
                num(price.inputPerMillion() * price.factor(tier)), saved, span(), storage());
        return at + (cachePays(tier) ? "with a context cache (~$" + fmt(with(tier)) + "): "
                : "without a cache (~$" + fmt(without(tier)) + "): ") + why;
    }

    private double storage() {
        return price.storage(sharedTokens, runTime);
    }

    /** The expected run time as a job file writes it: 90m, 2h, 45s. */
    private String span() {
        long seconds = runTime.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String fmt(double usd) {
        return String.format(Locale.ROOT, "%.4f", usd);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
