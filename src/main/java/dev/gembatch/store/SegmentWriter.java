package dev.gembatch.store;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Writes one segment, atomically to readers: each model's rows go as Parquet (sorted by
 * request_id, about {@value #ROWS_PER_FILE} rows a file) into {@code _staging/<id>/model=<name>/},
 * the manifest is written beside them, and only then is the folder renamed into
 * {@code segments/<id>} (one rename: a reader sees the whole segment or none of it; a run killed
 * before it leaves only staging files, which no reader lists). Every segment has its own id, so
 * runs committing at the same time never touch each other's files.
 */
final class SegmentWriter {
    private static final long ROWS_PER_FILE = 2_000_000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter
            .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SegmentWriter() {
    }

    /** A new segment id: its time (so folders list in commit order) and a random part. */
    static String newId(Instant now) {
        return "seg-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Commits {@code rows} (store rows) of the given models as one segment replacing
     * {@code replaces}; returns its manifest. Models without rows get no files; a segment that
     * would hold nothing and replace nothing is not written (its manifest is still returned).
     */
    static SegmentManifest commit(StoreFolder folder, Dataset<Row> rows, List<String> models,
                                  String run, List<String> replaces, Instant now)
            throws IOException {
        folder.ensureMarker();
        String id = newId(now);
        Path staging = new Path(folder.staging(), id);
        Map<String, SegmentManifest.ModelPart> parts = new LinkedHashMap<>();
        for (String model : models) {
            SegmentManifest.ModelPart part = writeModel(folder, rows, model, staging);
            if (part != null) {
                parts.put(model, part);
            }
        }
        SegmentManifest manifest = new SegmentManifest(StoreFolder.VERSION, id, run, now,
                replaces, StoreRows.SCHEMA.json(), parts);
        if (parts.isEmpty() && replaces.isEmpty()) {
            return manifest;
        }
        FileSystem fs = folder.fs();
        fs.mkdirs(staging);
        try (OutputStream out = fs.create(new Path(staging, SegmentManifest.FILE), false)) {
            out.write(manifest.toJson());
        }
        fs.mkdirs(folder.segments());
        if (!fs.rename(staging, new Path(folder.segments(), id))) {
            throw new IOException("cannot rename " + staging + " into " + folder.segments());
        }
        return manifest;
    }

    private static SegmentManifest.ModelPart writeModel(StoreFolder folder, Dataset<Row> rows,
                                                        String model, Path staging)
            throws IOException {
        Dataset<Row> mine = rows.where(col(StoreRows.MODEL).equalTo(model));
        Row summary = mine.agg(functions.count(functions.lit(1)),
                functions.min(StoreRows.STORED_AT)).first();
        long count = summary.getLong(0);
        if (count == 0) {
            return null;
        }
        String dirName = "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8);
        Path dir = new Path(staging, dirName);
        int files = (int) Math.max(1, (count + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
        mine.repartition(files, col(StoreRows.REQUEST_ID))
                .sortWithinPartitions(StoreRows.REQUEST_ID)
                .write().mode(SaveMode.ErrorIfExists).parquet(dir.toString());
        List<SegmentManifest.DataFile> written = new ArrayList<>();
        for (FileStatus f : folder.fs().listStatus(dir, p -> p.getName().endsWith(".parquet"))) {
            written.add(new SegmentManifest.DataFile(dirName + "/" + f.getPath().getName(),
                    f.getLen()));
        }
        Instant oldest = ((Timestamp) summary.get(1)).toInstant();
        return new SegmentManifest.ModelPart(count, oldest, written);
    }
}
