package dev.gembatch.transport.limit;

import dev.gembatch.config.QuotaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Paces one executor JVM's sends with permits leased from the driver's {@link LeaseLedger}: while
 * turns wait and the stock does not cover the first, it asks for what the waiting turns need (one
 * ask at a time); a grant may be used until its lease ends (counted from when the ask was sent,
 * so never later than the driver counts it), and what is left then is dropped. Each ask reports
 * what was spent and dropped since the last, and the stock spent with nothing waiting is reported
 * at once, so the driver can hand it out again. A state machine under its lock: IDLE (nothing
 * waits), ASKING (one ask outstanding), WAITING (the ledger said when to ask again, or a 429
 * paused the JVM: one timer armed). Thread-safe; nothing blocks (the channel's ask is
 * asynchronous).
 */
final class LeasedQuota extends WaitingTurns {
    /** Turns asked for at most at once. */
    static final int MAX_WANT = 64;
    /** The wait before asking again after an ask failed (the driver did not answer). */
    static final Duration AFTER_FAILURE = Duration.ofSeconds(1);
    private final QuotaSettings quota;
    private final Limiter.LeaseChannel channel;
    private final LeaseStock stock = new LeaseStock();
    private long askAfter;
    private boolean asking;
    private boolean exhaustionToReport;

    LeasedQuota(QuotaSettings quota, Limiter.LeaseChannel channel, LongSupplier nanos,
                Limiter.Timer timer) {
        super(nanos, timer);
        this.quota = quota;
        this.channel = channel;
        this.askAfter = pausedUntil;
    }

    @Override
    public void charge(long extra) {
        if (quota.tokensPerMinute() > 0) {
            synchronized (this) {
                stock.charge(extra);
            }
            dispatch();
        }
    }

    @Override
    public void exhaust(String reason) {
        synchronized (this) {
            if (exhausted != null) {
                return;
            }
            exhaustionToReport = true;
        }
        failAll(reason);
        dispatch();
    }

    /** Lets through the turns the stock covers, then asks, or arms the timer for the next step. */
    @Override
    protected void dispatch() {
        List<Waiter> ready = new ArrayList<>();
        LeaseWire.Ask ask = null;
        synchronized (this) {
            long now = nanos.getAsLong();
            stock.expire(now);
            while (!queue.isEmpty() && !closed && exhausted == null && pausedUntil - now <= 0) {
                if (queue.peek().future().isDone()) {
                    queue.poll();
                } else if (stock.covers(queue.peek().cost(), quota)) {
                    stock.take(queue.peek().cost(), quota);
                    ready.add(queue.poll());
                } else {
                    break;
                }
            }
            ask = nextStep(now);
        }
        grant(ready);
        if (ask != null) {
            send(ask);
        }
    }

    /** The ask to send now, or null (then the timer is armed for when one is due). Lock held. */
    private LeaseWire.Ask nextStep(long now) {
        if (closed || asking) {
            return null;
        }
        boolean waiting = !queue.isEmpty() && exhausted == null;
        if (waiting && pausedUntil - now > 0) {
            rearm(pausedUntil - now);
            return null;
        }
        boolean report = exhaustionToReport || queue.isEmpty() && stock.spentUnreported();
        if (!waiting && !report) {
            rearm(0);
            return null;
        }
        if (waiting && !report && askAfter - now > 0) {
            rearm(askAfter - now);
            return null;
        }
        rearm(0);
        asking = true;
        exhaustionToReport = false;
        return stock.ask(channel.holder(), quota, waiting ? head() : List.of(),
                exhausted == null ? null : exhausted);
    }

    private List<Long> head() {
        List<Long> costs = new ArrayList<>();
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext() && costs.size() < MAX_WANT; ) {
            costs.add(it.next().cost());
        }
        return costs;
    }

    private void send(LeaseWire.Ask ask) {
        long sentAt = nanos.getAsLong();
        channel.ask(ask.toWire()).whenComplete((reply, failure) -> {
            if (failure != null) {
                failed(ask);
            } else {
                granted(LeaseWire.Grant.fromWire(reply), sentAt);
            }
        });
    }

    private void granted(LeaseWire.Grant g, long sentAt) {
        synchronized (this) {
            asking = false;
            stock.add(g, sentAt);
            askAfter = sentAt + g.retryNanos();
        }
        if (g.exhausted() != null) {
            failAll(g.exhausted());
        }
        dispatch();
    }

    /** The ask was not answered: its report goes with the next one, a second later. */
    private void failed(LeaseWire.Ask ask) {
        synchronized (this) {
            asking = false;
            stock.unsent(ask);
            askAfter = nanos.getAsLong() + AFTER_FAILURE.toNanos();
            exhaustionToReport |= ask.exhausted() != null;
        }
        dispatch();
    }

    /** A turn granted to a waiter that had just withdrawn: its permits go back to the stock. */
    @Override
    protected void giveBack(long cost) {
        synchronized (this) {
            stock.untake(cost, quota);
        }
        dispatch();
    }

}
