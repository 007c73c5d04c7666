package dev.gembatch.pipeline;

import dev.gembatch.config.BudgetSettings;
import dev.gembatch.config.Price;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run-wide budget split into one share per partition, in proportion to the partition's
 * input rows, so the shares add up to the limit and no task ever has to ask another. A task
 * stops sending when its share is reached: requests never pass their limit; tokens and cost
 * may pass theirs by what the task's requests in flight at that moment use (its window).
 */
public record RunBudget(BudgetSettings limits, Price price, List<Long> requestShares,
                        List<Double> fractions) implements Serializable {

    public RunBudget {
        requestShares = List.copyOf(requestShares);
        fractions = List.copyOf(fractions);
    }

    /** No limits: every row is sent. */
    public static final RunBudget NONE = new RunBudget(BudgetSettings.NONE, Price.FREE,
            List.of(), List.of());

    /**
     * Shares for the partitions of {@code input}, counting its rows per partition (one scan of
     * the input, nothing sent) only when a limit is set.
     */
    public static RunBudget plan(Dataset<Row> input, BudgetSettings limits, Price price) {
        if (!limits.limited()) {
            return NONE;
        }
        List<Long> counts = input.javaRDD().mapPartitions(RunBudget::count).collect();
        return split(limits, price, counts.stream().mapToLong(Long::longValue).toArray());
    }

    /** Shares for one partition of {@code rows} rows (answering without Spark: a preview). */
    public static RunBudget forRows(long rows, BudgetSettings limits, Price price) {
        return limits.limited() ? split(limits, price, new long[] {rows}) : NONE;
    }

    /** The same shares, with the cost of tokens priced at {@code other}. */
    public RunBudget withPrice(Price other) {
        return new RunBudget(limits, other, requestShares, fractions);
    }

    /** Shares for partitions holding {@code rows[i]} rows (largest remainder for requests). */
    static RunBudget split(BudgetSettings limits, Price price, long[] rows) {
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        List<Double> fractions = new ArrayList<>();
        for (long r : rows) {
            fractions.add(total == 0 ? 0 : (double) r / total);
        }
        return new RunBudget(limits, price,
                Arrays.stream(requestShares(limits.maxRequests(), rows, total)).boxed().toList(),
                fractions);
    }

    private static long[] requestShares(long limit, long[] rows, long total) {
        long[] shares = new long[rows.length];
        if (limit <= 0 || limit >= total) {
            return rows.clone();
        }
        long given = 0;
        double[] remainders = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double exact = (double) limit * rows[i] / total;
            shares[i] = (long) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        for (; given < limit; given++) {
            int best = 0;
            for (int i = 1; i < rows.length; i++) {
                best = remainders[i] > remainders[best] ? i : best;
            }
            shares[best]++;
            remainders[best] = -1;
        }
        return shares;
    }

    /** The meter of one task, for the partition it answers. */
    BudgetMeter meter(int partition) {
        if (!limits.limited()) {
            return BudgetMeter.unlimited();
        }
        long requests = limits.maxRequests() <= 0 ? -1
                : partition < requestShares.size() ? requestShares.get(partition) : 0;
        double fraction = partition < fractions.size() ? fractions.get(partition) : 0;
        return new BudgetMeter(price, requests,
                limits.maxTotalTokens() > 0 ? limits.maxTotalTokens() * fraction : -1,
                limits.maxCost() > 0 ? limits.maxCost() * fraction : -1);
    }

    private static Iterator<Long> count(Iterator<Row> rows) {
        long n = 0;
        for (; rows.hasNext(); rows.next()) {
            n++;
        }
        return List.of(n).iterator();
    }
}
