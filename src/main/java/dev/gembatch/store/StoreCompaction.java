package dev.gembatch.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gembatch.config.StoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Compaction: the segments smaller than {@code store.compact-below}, and those holding answers
 * past their model's max-age, are merged into one new segment that lists them as replaced; it
 * keeps the first stored answer of each request (per endpoint) and drops expired ones. The new
 * segment becomes visible in one rename, and from then on readers ignore the segments it
 * replaces, which are deleted afterwards (a compaction killed before deleting them leaves them
 * to the next one). Runs committing meanwhile add segments that are not replaced, so nothing
 * they add is lost. Staging folders older than a day (runs killed while committing) are deleted.
 */
final class StoreCompaction {
    private static final Duration STALE_STAGING = Duration.ofDays(1);

    private StoreCompaction() {
    }

    static void run(SparkSession spark, StoreSettings settings,
                    StoreFolder folder, Segments segments, String run, Instant now,
                    PrintStream out) throws IOException {
        List<Segments.Segment> selected = segments.live().stream()
                .filter(s -> s.manifest().bytes() < settings.compactBelowBytes()
                        || expiring(s.manifest(), settings, now)).toList();
        if (selected.size() < 2 && selected.stream().noneMatch(s -> expiring(s.manifest(),
                settings, now))) {
            out.println("gembatch store: nothing to compact (" + segments.live().size()
                    + " segments)");
        } else {
            merge(spark, settings, folder, selected, run, now, out);
            delete(folder, selected.stream().map(Segments.Segment::dir).toList());
        }
        delete(folder, segments.replaced());
        deleteStaleStaging(folder, now);
    }

    private static void merge(SparkSession spark, StoreSettings settings,
                              StoreFolder folder, List<Segments.Segment> selected, String run,
                              Instant now, PrintStream out) throws IOException {
        Segments chosen = new Segments(selected, List.of(), List.of());
        List<String> models = selected.stream()
                .flatMap(s -> s.manifest().models().keySet().stream()).distinct().toList();
        Column keep = lit(false);
        for (String m : models) {
            keep = keep.or(col(StoreRows.MODEL).equalTo(m)
                    .and(AnswerStore.fresh(settings.maxAge(m), now)));
        }
        Dataset<Row> first = AnswerStore.all(spark, chosen).where(keep)
                .withColumn("__gb_rank", functions.row_number().over(Window
                        .partitionBy(StoreRows.REQUEST_ID, StoreRows.ENDPOINT)
                        .orderBy(StoreRows.STORED_AT, StoreRows.RUN)))
                .where(col("__gb_rank").equalTo(1)).drop("__gb_rank");
        long before = selected.stream().mapToLong(s -> s.manifest().rows()).sum();
        SegmentManifest merged = SegmentWriter.commit(folder, first, models, run,
                selected.stream().map(s -> s.manifest().id()).toList(), now);
        out.println(String.format(Locale.ROOT, "gembatch store: merged %d segments (%,d answers)"
                        + " into %s (%,d answers, %,d bytes); dropped %,d expired or repeated",
                selected.size(), before, merged.id(), merged.rows(), merged.bytes(),
                before - merged.rows()));
    }

    private static boolean expiring(SegmentManifest m, StoreSettings settings, Instant now) {
        return m.models().entrySet().stream().anyMatch(e -> {
            Duration age = settings.maxAge(e.getKey());
            return !age.isZero() && e.getValue().oldest().isBefore(now.minus(age));
        });
    }

    private static void delete(StoreFolder folder, List<Path> dirs) throws IOException {
        FileSystem fs = folder.fs();
        for (Path dir : dirs) {
            fs.delete(dir, true);
        }
    }

    private static void deleteStaleStaging(StoreFolder folder, Instant now) throws IOException {
        FileSystem fs = folder.fs();
        if (!fs.exists(folder.staging())) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        for (FileStatus f : fs.listStatus(folder.staging())) {
            if (f.getModificationTime() < now.minus(STALE_STAGING).toEpochMilli()) {
                stale.add(f.getPath());
            }
        }
        delete(folder, stale);
    }
}
