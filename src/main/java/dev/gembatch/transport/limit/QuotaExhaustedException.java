package dev.gembatch.transport.limit;

/**
 * The project's per-day quota is spent (a 429 naming a {@code PerDay} quota, or {@code limit: 0}),
 * here or, through the driver's ledger, on another executor: nothing more may be sent in this run.
 * Its message says why, without the API key.
 */
public final class QuotaExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuotaExhaustedException(String reason) {
        super(reason);
    }
}
