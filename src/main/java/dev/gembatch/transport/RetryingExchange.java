package dev.gembatch.transport;

import dev.gembatch.config.ServiceTier;
import dev.gembatch.config.Timeouts;
import dev.gembatch.model.Answer;
import dev.gembatch.transport.limit.Limiter;
import dev.gembatch.transport.limit.QuotaExhaustedException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One row's request across its attempts (the retry loop of a {@link GeminiClient}, not a Spark
 * row); a state machine: WAITING for a permit, then one ATTEMPT holding it, then either done or
 * BACKING OFF (no permit held) and waiting again. The row deadline ends any state with
 * FAILED/TIMEOUT; close or cancellation ends it exceptionally. Every transition happens under the
 * exchange's lock; calls out (HTTP, limiter, timers, listener) are made after it is released.
 * Its deadline and backoff bookkeeping is a {@link RetrySchedule}, its limiter dealings are
 * {@link RowPermits}, its service tier (Flex sheds, the job deadline) a {@link TierCourse}, the
 * answer it ends with a {@link RowOutcome}.
 */
final class RetryingExchange {
    private final ClientParts parts;
    private final URI uri;
    private final GeminiRequest request;
    private final Timeouts rowLimits;
    private final RowPermits permits;
    private final CompletableFuture<Answer> result;
    private final RetrySchedule schedule;
    private final TierCourse course;
    private int attempts;
    private boolean over;
    private boolean expired;
    private boolean stopping;
    private boolean renewed;
    private final RowOutcome outcome;
    private Attempt attempt;
    private CompletableFuture<Limiter.Permit> waiting;

    RetryingExchange(ClientParts parts, GeminiRequest request, CompletableFuture<Answer> result) {
        this.parts = parts;
        this.uri = parts.endpoint().uri(request.model());
        this.request = request;
        this.course = new TierCourse(request, parts.settings());
        this.rowLimits = course.limits(request.tier());
        this.permits = new RowPermits(parts.limiter(), request.body());
        this.result = result;
        this.schedule = new RetrySchedule(parts);
        this.outcome = new RowOutcome(schedule);
    }

    void start() {
        acquire();
    }

    CompletableFuture<Answer> result() {
        return result;
    }

    /**
     * The client is stopping: ends the row with {@code why} now unless an attempt is on the
     * wire; such an attempt may still finish (its answer counts) but is never retried.
     */
    void stop(Throwable why) {
        synchronized (this) {
            stopping = true;
            if (over || attempt != null) {
                return;
            }
            over = true;
            cancelWaits();
        }
        result.completeExceptionally(why);
    }

    /** Ends the row exceptionally (client closed, caller cancelled); frees what it holds. */
    void abandon(Throwable why) {
        Attempt running;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            running = attempt;
            cancelWaits();
        }
        if (running != null) {
            running.cancel();
        }
        result.completeExceptionally(why);
    }

    private void acquire() {
        CompletableFuture<Limiter.Permit> f;
        synchronized (this) {
            if (over) {
                return;
            }
            f = permits.acquire();
            waiting = f;
        }
        f.whenComplete((permit, failure) -> {
            if (permit != null) {
                granted(permit);
            } else if (failure instanceof QuotaExhaustedException spent) {
                quotaSpent(spent.getMessage());
            }
        });
    }

    /** The day's quota is spent before this row's next attempt (see RowOutcome#quotaSpent). */
    private void quotaSpent(String reason) {
        Answer answer;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            cancelWaits();
            answer = outcome.quotaSpent(reason, attempts);
        }
        result.complete(answer);
    }

    private void granted(Limiter.Permit permit) {
        Attempt next = null;
        Answer skipped;
        ServiceTier sent;
        synchronized (this) {
            if (over) {
                permit.release(Limiter.Signal.IGNORE);
                return;
            }
            skipped = course.atPermit(schedule.now());
            sent = course.tier();
            over = skipped != null;
            if (over) {
                cancelWaits();
            } else {
                next = launch(permit, sent);
            }
        }
        if (skipped != null) {
            permit.release(Limiter.Signal.IGNORE);
            result.complete(skipped);
            return;
        }
        tell(AttemptListener::onSend);
        next.submit(parts.http(), uri, parts.signer().header(), request.wireBody(sent));
    }

    /** Caller holds the lock: the next attempt, sent at {@code sent} and holding the permit. */
    private Attempt launch(Limiter.Permit permit, ServiceTier sent) {
        if (attempts++ == 0) {
            schedule.start(rowLimits.row(), this::expire);
        }
        waiting = null;
        Timeouts limits = course.limits(sent);
        attempt = new Attempt(parts.clock(), limits, r -> ended(permit, r, sent, limits));
        return attempt;
    }

    private void ended(Limiter.Permit permit, AttemptResult r, ServiceTier sent, Timeouts limits) {
        tell(AttemptListener::onEnd);
        Verdict v = parts.classifier().classify(r, sent, limits);
        permits.release(permit, v, r);
        Duration backoff;
        Answer answer = null;
        boolean stopped;
        int n;
        synchronized (this) {
            AuthHeader used = attempt == null ? null : attempt.sentWith();
            attempt = null;
            if (over) {
                return;
            }
            n = attempts;
            outcome.keep(r.assembled());
            boolean renew = !expired && !renewed && staleToken(r);
            if (renew) {
                renewed = true;
                parts.signer().rejected(used);
            }
            // neither a shed nor the one retry with a renewed token counts toward max-attempts
            backoff = expired ? null : renew ? Duration.ZERO : v.shed()
                    ? schedule.shedDelay(v, course.shed())
                    : schedule.retryDelay(v, attempts - course.sheds() - (renewed ? 1 : 0));
            stopped = backoff != null && stopping;
            if (backoff == null || stopped) {
                over = true;
                cancelWaits();
                answer = backoff == null ? outcome.last(v, r, attempts, sent) : null;
            }
        }
        report(n, r, v, backoff);
        if (answer != null) {
            result.complete(answer);
        } else if (stopped) {
            result.completeExceptionally(
                    new ClientStoppedException(ClientStoppedException.STOPPING));
        } else {
            scheduleRetry(backoff);
        }
    }

    /**
     * A 401 to a request signed with an access token: the token may have expired early or been
     * revoked; the row is retried once at once with a fresh token (whatever max-attempts says),
     * and only a second 401 is its answer.
     */
    private boolean staleToken(AttemptResult r) {
        return r.httpCode() != null && r.httpCode() == 401 && parts.signer().renewable();
    }

    private void scheduleRetry(Duration backoff) {
        Future<?> task = parts.clock().backoffs().after(backoff, this::acquire);
        synchronized (this) {
            schedule.backingOff(task);
        }
    }

    private void expire() {
        Attempt running;
        Answer answer = null;
        synchronized (this) {
            if (over) {
                return;
            }
            expired = true;
            running = attempt;
            if (running == null) {
                over = true;
                cancelWaits();
                answer = outcome.timedOut(rowLimits, attempts, course.tier());
            }
        }
        if (running != null) {
            running.abort(Deadline.ROW);
        } else {
            result.complete(answer);
        }
    }

    private void report(int n, AttemptResult r, Verdict v, Duration backoff) {
        String status = v.answered() ? null : v.error().status();
        AttemptEvent e = new AttemptEvent(n, r.httpCode(), status, backoff != null, backoff,
                r.latencyMs(), r.ttftMs());
        tell(l -> l.onAttempt(e));
    }

    private void tell(Consumer<AttemptListener> call) {
        try {
            call.accept(parts.listener());
        } catch (RuntimeException listenerBug) {
            // A failing listener must not leave the row unfinished or leak its permit.
        }
    }

    /** Caller holds the lock. */
    private void cancelWaits() {
        if (waiting != null) {
            waiting.cancel(false);
        }
        schedule.cancel();
    }
}
