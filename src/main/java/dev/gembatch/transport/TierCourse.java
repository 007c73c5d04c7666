package dev.gembatch.transport;

import dev.gembatch.config.FlexFallback;
import dev.gembatch.config.FlexSettings;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.ServiceTier;
import dev.gembatch.config.Timeouts;
import dev.gembatch.model.Answer;
import dev.gembatch.model.Billing;
import dev.gembatch.model.ErrorStatus;
import java.time.Instant;

/**
 * One row's service tier across its attempts: the tier it is sent at (Flex until job.deadline
 * nears, then standard or skipped, as {@code model.flex-fallback} says), the timeouts of that
 * tier, and how often Flex shed it. Not thread-safe: its {@link RetryingExchange} calls it under
 * its own lock.
 */
final class TierCourse {
    private final GeminiRequest request;
    private final GeminiSettings settings;
    private ServiceTier tier;
    private int sheds;

    TierCourse(GeminiRequest request, GeminiSettings settings) {
        this.request = request;
        this.settings = settings;
        this.tier = request.tier();
    }

    /** The tier the next attempt is sent at. */
    ServiceTier tier() {
        return tier;
    }

    /** The timeouts of an attempt sent at {@code t}: Flex's own, or the standard ones. */
    Timeouts limits(ServiceTier t) {
        return t == ServiceTier.FLEX ? settings.flex().timeouts() : settings.timeouts();
    }

    /** Counts one more shed and returns how many there were. */
    int shed() {
        return ++sheds;
    }

    /** Sheds so far: attempts that do not spend the row's retry budget. */
    int sheds() {
        return sheds;
    }

    /**
     * At a permit, {@code now}: a Flex row whose deadline nears goes on at standard (null is
     * returned) or, with the skip fallback, ends with the SKIPPED answer returned.
     */
    Answer atPermit(Instant now) {
        FlexSettings flex = settings.flex();
        if (tier != ServiceTier.FLEX || !flex.nearing(now)) {
            return null;
        }
        if (request.fallback() == FlexFallback.STANDARD) {
            tier = ServiceTier.STANDARD;
            return null;
        }
        return Answer.skipped(ErrorStatus.DEADLINE_REACHED, "job.deadline (" + flex.deadline()
                + ") neared while the row waited on Flex" + (sheds > 0 ? " (shed " + sheds
                + " times)" : ""), now).billed(new Billing(tier.wireName(), null, null));
    }
}
