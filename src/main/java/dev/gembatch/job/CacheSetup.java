package dev.gembatch.job;

import dev.gembatch.config.AnswerColumn;
import dev.gembatch.config.ContextCache;
import dev.gembatch.config.GeminiSettings;
import dev.gembatch.config.JobSettings;
import dev.gembatch.config.Price;
import dev.gembatch.input.InvalidInputException;
import dev.gembatch.pipeline.RowPlan;
import dev.gembatch.transport.CacheSpec;
import dev.gembatch.transport.ContextCaches;
import dev.gembatch.transport.TokenCounter;
import dev.gembatch.transport.UnknownModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A run's explicit context caches, decided and made on the driver before anything is sent: for
 * each answer column whose {@code model.context-cache} is not off, the shared part (a system
 * instruction without placeholders, tools, tool config) is measured with countTokens and the
 * {@link CacheDecision} taken over the rows to answer and the expected run time (rows ÷
 * {@code gemini.quota.requests-per-minute} when that is set, else
 * {@code dry-run.expected-run-time}); a cache is then created, tagged {@code gembatch:<hash of
 * the job's output and column>}, kept alive and deleted on {@link #close()}. A cache the API
 * will not make fails {@code on} before anything is sent, and leaves {@code auto} without one.
 * Its notes say what was decided and what storage cost.
 */
final class CacheSetup implements AutoCloseable {
    /** TTL a cache is created and extended with (every third of it) while the run lasts. */
    static final Duration TTL = Duration.ofMinutes(10);
    private final JobSettings job;
    private final GeminiSettings gemini;
    private final String tag;
    private final LongSupplier rows;
    private final List<String> notes = new ArrayList<>();
    private ContextCaches caches;
    private boolean closed;

    /** {@code tag}: what names the job (its output); {@code rows}: counts the rows to answer. */
    CacheSetup(JobSettings job, GeminiSettings gemini, String tag, LongSupplier rows) {
        this.job = job;
        this.gemini = gemini;
        this.tag = tag;
        this.rows = rows;
    }

    /** {@code plan} naming a new cache, or as is; refuses {@code on} where it cannot be had. */
    RowPlan apply(AnswerColumn a, RowPlan plan) throws InvalidInputException {
        ContextCache mode = a.model().contextCache();
        if (mode == ContextCache.OFF) {
            return plan;
        }
        long tokens = measure(plan, a);
        String shared = tokens <= 0 ? null : plan.bodies().sharedJson(plan.sharedSystemText());
        long requests = mode == ContextCache.AUTO && tokens > 0 ? rows.getAsLong() : 0;
        Price price = job.pricing().forModel(a.model().name());
        CacheDecision d = CacheDecision.of(a.keyPrefix(), mode, a.model().name(), tokens,
                requests, a.model().serviceTier(), price, runTime(requests));
        if (d.problem() != null) {
            throw new InvalidInputException(List.of(d.problem()));
        }
        notes.add("context cache" + (a.name() == null ? "" : " of " + a.name()) + ": "
                + d.reason());
        if (!d.cache()) {
            return plan;
        }
        CacheSpec spec = new CacheSpec(a.model().name(), displayName(a), shared, TTL, null);
        try {
            if (caches == null) {
                caches = ContextCaches.open(gemini);
            }
            return plan.withCache(caches.create(spec).spec());
        } catch (IOException | IllegalArgumentException e) {
            String why = a.keyPrefix() + "model.context-cache: the cache could not be created: "
                    + e.getMessage();
            if (mode == ContextCache.ON) {
                throw new InvalidInputException(List.of(why));
            }
            notes.add(why + "; the requests carry the shared part themselves (auto)");
            return plan;
        }
    }

    /** The shared tokens, counted by the endpoint's countTokens. */
    private long measure(RowPlan plan, AnswerColumn a) throws InvalidInputException {
        try (TokenCounter counter = TokenCounter.create(gemini)) {
            return SharedPart.tokens(plan, a, counter);
        } catch (UnknownModelException e) {
            throw new InvalidInputException(List.of(a.keyPrefix() + "model.name: '"
                    + a.model().name() + "' is not a model the endpoint serves ("
                    + e.getMessage() + ")"));
        }
    }

    private Duration runTime(long requests) {
        double rpm = gemini.quota().requestsPerMinute();
        return rpm > 0 ? Duration.ofSeconds(Math.max(60, Math.round(requests * 60 / rpm)))
                : job.dryRun().expectedRunTime();
    }

    /** {@code gembatch:} and 16 hex characters of SHA-256 over the job's tag and the column. */
    private String displayName(AnswerColumn a) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((tag + "\n" + (a.name() == null ? "" : a.name()))
                    .getBytes(StandardCharsets.UTF_8));
            return "gembatch:" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What was decided, swept and stored, with the storage cost. */
    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (caches != null) {
            all.addAll(caches.notes());
            for (ContextCaches.Kept k : caches.kept()) {
                Price price = job.pricing().forModel(k.spec().model());
                all.add(String.format(Locale.ROOT, "context cache %s (%s): %,d tokens stored"
                        + " %d s, storage ~$%.6f", k.spec().name(), k.spec().displayName(),
                        k.tokens(), k.stored().toSeconds(), price.storage(k.tokens(),
                                k.stored())));
            }
        }
        return all;
    }

    @Override
    public void close() {
        if (caches != null && !closed) {
            closed = true;
            caches.close();
        }
    }
}
