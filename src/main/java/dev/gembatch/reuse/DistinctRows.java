package dev.gembatch.reuse;

import dev.gembatch.report.RunCounters;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * Passes on the first of each run of keyed rows sharing a request_id (the input is sorted by it)
 * and counts the others as deduplicated; memory stays one row whatever the partition size.
 */
final class DistinctRows implements Iterator<Row> {
    private final Iterator<Row> sorted;
    private final RunCounters counters;
    private Row pending;
    private String lastKey;
    private boolean started;

    DistinctRows(Iterator<Row> sorted, RunCounters counters) {
        this.sorted = sorted;
        this.counters = counters;
    }

    @Override
    public boolean hasNext() {
        long skipped = 0;
        while (pending == null && sorted.hasNext()) {
            Row row = sorted.next();
            String key = RequestKeys.requestId(row);
            if (started && Objects.equals(key, lastKey)) {
                skipped++;
            } else {
                started = true;
                lastKey = key;
                pending = row;
            }
        }
        counters.deduplicated(skipped);
        return pending != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
    }
}
