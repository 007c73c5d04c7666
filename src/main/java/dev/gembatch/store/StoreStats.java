package dev.gembatch.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code jobs/run --store-stats}: the live answers, their bytes and segments (from the
 * manifests), and counts by model and by age (one scan of the model and stored_at columns).
 */
final class StoreStats {
    private static final List<Duration> AGES = List.of(Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(90));
    private static final List<String> AGE_NAMES = List.of("< 1 day", "1-7 days", "7-30 days",
            "30-90 days", ">= 90 days");

    private StoreStats() {
    }

    static void print(SparkSession spark, StoreFolder folder, Segments segments, Instant now,
                      PrintStream out) {
        long bytes = segments.live().stream().mapToLong(s -> s.manifest().bytes()).sum();
        long answers = segments.live().stream().mapToLong(s -> s.manifest().rows()).sum();
        out.println(String.format(Locale.ROOT, "gembatch store %s: %,d answers, %,d bytes in %d"
                + " segments", folder.root(), answers, bytes, segments.live().size()));
        if (!segments.skipped().isEmpty() || !segments.replaced().isEmpty()) {
            out.println(String.format(Locale.ROOT, "  unreadable segments: %d | replaced, not yet"
                    + " deleted: %d", segments.skipped().size(), segments.replaced().size()));
            segments.skipped().forEach(s -> out.println("    " + s));
        }
        out.println("  by model:");
        for (Row r : AnswerStore.all(spark, segments).groupBy(StoreRows.MODEL)
                .agg(count(lit(1))).orderBy(StoreRows.MODEL).collectAsList()) {
            out.println(String.format(Locale.ROOT, "    %-28s %,12d", r.getString(0),
                    r.getLong(1)));
        }
        out.println("  by age (stored_at):");
        List<Row> ages = AnswerStore.all(spark, segments).groupBy(ageBucket(now).as("age"))
                .agg(count(lit(1))).orderBy("age").collectAsList();
        for (Row r : ages) {
            out.println(String.format(Locale.ROOT, "    %-28s %,12d",
                    AGE_NAMES.get(r.getInt(0)), r.getLong(1)));
        }
    }

    /** The index in {@link #AGE_NAMES} of an answer's age at {@code now}. */
    private static Column ageBucket(Instant now) {
        Column bucket = lit(AGES.size());
        for (int i = AGES.size() - 1; i >= 0; i--) {
            bucket = when(col(StoreRows.STORED_AT).geq(lit(Timestamp.from(now.minus(AGES.get(i))))),
                    lit(i)).otherwise(bucket);
        }
        return bucket;
    }
}
