package dev.gembatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The store's segments as a reader sees them, checked on the driver before any is used: a
 * segment is live when its manifest reads, its format version is known, every file it lists is
 * there with its length and a readable Parquet footer, and no other live segment replaces it.
 * An unreadable segment is skipped and named in {@code skipped} (its answers are asked again and
 * enter the store anew); a segment of a newer format version refuses the whole store.
 * {@code replaced} are the segments a committed compaction replaced but did not delete yet.
 */
record Segments(List<Segment> live, List<String> skipped, List<Path> replaced) {
    /** A live segment: its folder and manifest. */
    record Segment(Path dir, SegmentManifest manifest) {
        /** The full paths of its files of {@code model} (none when it has no such answers). */
        List<String> files(String model) {
            SegmentManifest.ModelPart part = manifest.models().get(model);
            return part == null ? List.of() : part.files().stream()
                    .map(f -> new Path(dir, f.path()).toString()).toList();
        }
    }

    /** Reads and checks every segment of {@code folder}. */
    static Segments of(StoreFolder folder) throws IOException, AnswerStore.Refused {
        List<Segment> readable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (FileStatus dir : folder.segmentDirs()) {
            try {
                readable.add(new Segment(dir.getPath(), checked(folder, dir.getPath())));
            } catch (IOException | RuntimeException e) {
                skipped.add(dir.getPath() + ": " + e.getMessage());
            }
        }
        Set<String> replacedIds = new HashSet<>();
        readable.forEach(s -> replacedIds.addAll(s.manifest().replaces()));
        List<Segment> live = readable.stream()
                .filter(s -> !replacedIds.contains(s.manifest().id())).toList();
        List<Path> replaced = readable.stream()
                .filter(s -> replacedIds.contains(s.manifest().id())).map(Segment::dir).toList();
        return new Segments(live, skipped, replaced);
    }

    private static SegmentManifest checked(StoreFolder folder, Path dir)
            throws IOException, AnswerStore.Refused {
        FileSystem fs = folder.fs();
        SegmentManifest m;
        try (InputStream in = fs.open(new Path(dir, SegmentManifest.FILE))) {
            m = SegmentManifest.parse(in.readAllBytes());
        }
        if (m.version() > StoreFolder.VERSION) {
            throw new AnswerStore.Refused("store.path: segment " + dir + " was written by a newer"
                    + " gembatch (store format version " + m.version() + "; this build reads up to "
                    + StoreFolder.VERSION + "); upgrade gembatch");
        }
        checkColumns(m);
        for (SegmentManifest.ModelPart part : m.models().values()) {
            for (SegmentManifest.DataFile f : part.files()) {
                checkFile(folder, new Path(dir, f.path()), f.bytes());
            }
        }
        return m;
    }

    /** A column this build also has must have the same type. */
    private static void checkColumns(SegmentManifest m) throws IOException {
        StructType written = (StructType) DataType.fromJson(m.schemaJson());
        for (StructField f : written.fields()) {
            if (StoreRows.SCHEMA.getFieldIndex(f.name()).isDefined() && !StoreRows.SCHEMA
                    .apply(f.name()).dataType().sameType(f.dataType())) {
                throw new IOException("column " + f.name() + " is " + f.dataType().simpleString()
                        + ", this build expects " + StoreRows.SCHEMA.apply(f.name()).dataType()
                        .simpleString());
            }
        }
    }

    private static void checkFile(StoreFolder folder, Path file, long bytes) throws IOException {
        FileSystem fs = folder.fs();
        if (!fs.exists(file)) {
            throw new IOException("file " + file.getName() + " is missing");
        }
        long length = fs.getFileStatus(file).getLen();
        if (length != bytes) {
            throw new IOException("file " + file.getName() + " has " + length + " bytes, its"
                    + " manifest says " + bytes);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(file, folder.conf()))) {
            reader.getFooter();
        } catch (IOException | RuntimeException e) {
            throw new IOException("file " + file.getName() + " is not readable Parquet: "
                    + e.getMessage(), e);
        }
    }
}
