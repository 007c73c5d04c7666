package dev.gembatch.job;

import dev.gembatch.config.BudgetSettings;
import dev.gembatch.config.GenerationSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.ModelSettings;
import dev.gembatch.config.Price;
import dev.gembatch.model.ErrorStatus;
import dev.gembatch.model.Status;
import dev.gembatch.model.TokenEstimate;
import java.util.Locale;

/**
 * The dry run's token and cost estimate: input tokens extrapolated from the sample's tokens per
 * character to the characters of every prompt; output tokens as a typical figure
 * ({@code dry-run.output-tokens-per-request}, capped by max-output-tokens) and an upper bound
 * (max-output-tokens, which also caps thinking); cost from the price table; what the budget
 * would cut.
 */
final class Estimate {
    private final JobSettings job;
    private final ModelSettings model;
    private final BudgetSettings budget;
    private final PromptCensus.Totals totals;
    private final TokenSample sample;
    private final Price price;
    private final String sharedText;

    /**
     * The estimate of the requests of one answer column, sent to {@code model}; {@code sharedText}
     * is what every request repeats (a system instruction without placeholders), or null.
     */
    Estimate(JobSettings job, ModelSettings model, BudgetSettings budget,
             PromptCensus.Totals totals, TokenSample sample, String sharedText) {
        this.job = job;
        this.model = model;
        this.budget = budget;
        this.totals = totals;
        this.sample = sample;
        this.price = job.pricing().forModel(model.name());
        this.sharedText = sharedText;
    }

    /** The bill per tier, without and with a context cache of the shared text. */
    TierBill bill() {
        long shared = sharedText == null ? 0
                : Math.round(sharedText.codePointCount(0, sharedText.length()) * sample.tokensPerChar());
        return new TierBill(price, totals.requests(), inputTokens(), typicalOutputTokens(), shared,
                job.dryRun().expectedRunTime());
    }

    long inputTokens() {
        return Math.round(totals.chars() * sample.tokensPerChar());
    }

    long typicalOutputTokens() {
        Integer cap = model.generation().maxOutputTokens();
        int perRequest = job.dryRun().outputTokensPerRequest();
        return totals.requests() * candidates() * (cap == null ? perRequest
                : Math.min(cap, perRequest));
    }

    /** The upper bound of answer plus thinking tokens, or -1 without max-output-tokens. */
    long maxOutputTokens() {
        Integer cap = model.generation().maxOutputTokens();
        return cap == null ? -1 : totals.requests() * candidates() * cap;
    }

    double typicalCost() {
        return price.cost(inputTokens(), typicalOutputTokens(), 0);
    }

    double maxCost() {
        double dearest = Math.max(price.outputPerMillion(), price.thoughtsPerMillion());
        return price.cost(inputTokens(), 0, 0) + maxOutputTokens() * dearest / 1_000_000.0;
    }

    private int candidates() {
        GenerationSettings g = model.generation();
        return g.candidateCount() == null ? 1 : g.candidateCount();
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Estimate for %s ($%s in, $%s out, $%s thinking"
                        + " per 1M tokens; see pricing)%n", model.name(),
                num(price.inputPerMillion()), num(price.outputPerMillion()),
                num(price.thoughtsPerMillion())));
        if (!job.pricing().prices(model.name())) {
            out.append("  note: the price table has no entry for " + model.name()
                    + ": priced at pricing.default; add pricing.\"" + model.name()
                    + "\" for your contract's prices\n");
        }
        out.append(String.format(Locale.ROOT, "  input tokens:  ~%,d (%s; %,d characters in all)%n",
                inputTokens(), source(), totals.chars()));
        out.append(String.format(Locale.ROOT, "  output tokens: ~%,d typical, %s%n",
                typicalOutputTokens(), maxOutputTokens() < 0
                        ? "no upper bound (model.generation.max-output-tokens is unset)"
                        : String.format(Locale.ROOT, "at most %,d (max-output-tokens)",
                                maxOutputTokens())));
        out.append(String.format(Locale.ROOT, "  cost:          ~$%.4f typical%s%n", typicalCost(),
                maxOutputTokens() < 0 ? "" : String.format(Locale.ROOT, ", at most $%.4f",
                        maxCost())));
        out.append(bill().toText(model.serviceTier()));
        budget(out);
        return out.toString();
    }

    private String source() {
        if (sample.fallback() == null) {
            return String.format(Locale.ROOT, "countTokens on %d sample rows: %,d tokens for %,d"
                    + " characters", sample.requests(), sample.tokens(), sample.chars());
        }
        return "heuristic of 1 token per " + TokenEstimate.CHARS_PER_TOKEN + " characters, as "
                + sample.fallback();
    }

    private void budget(StringBuilder out) {
        BudgetSettings b = budget;
        if (b.maxRequests() > 0 && totals.requests() > b.maxRequests()) {
            out.append(String.format(Locale.ROOT, "  budget:        max-requests %,d: %,d rows would"
                    + " be %s (%s)%n", b.maxRequests(), totals.requests() - b.maxRequests(),
                    Status.SKIPPED, ErrorStatus.BUDGET_EXHAUSTED));
        }
        long tokens = inputTokens() + typicalOutputTokens();
        if (b.maxTotalTokens() > 0 && tokens > b.maxTotalTokens()) {
            out.append(String.format(Locale.ROOT, "  budget:        max-total-tokens %,d: sending"
                    + " stops after about %d%% of the requests%n", b.maxTotalTokens(),
                    100 * b.maxTotalTokens() / tokens));
        }
        if (b.maxCost() > 0 && typicalCost() > b.maxCost()) {
            out.append(String.format(Locale.ROOT, "  budget:        max-cost $%s: sending stops after"
                    + " about %d%% of the requests%n", num(b.maxCost()),
                    Math.round(100 * b.maxCost() / typicalCost())));
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
