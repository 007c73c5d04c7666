package dev.gembatch.input;

import dev.gembatch.model.MediaData;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the file of a file part with Hadoop's FileSystem (so file:, hdfs: and s3a: work): a path
 * without a scheme that is not absolute is resolved against the job's base directory. The
 * length is checked against the room left before anything is read; every failure is a reason
 * naming the path, never an exception.
 */
final class MediaFile {
    private MediaFile() {
    }

    /** The path a cell names: as is when absolute or with a scheme, else under {@code base}. */
    static Path resolve(String cell, String base) {
        Path path = new Path(cell.strip());
        boolean relative = path.toUri().getScheme() == null && !path.isAbsolute();
        return relative ? new Path(new Path(base), path) : path;
    }

    /** The column a path came from and the MIME type its file is sent with. */
    record Target(String column, String mimeType) {
    }

    /** The file as inline data, or why it cannot be sent ({@code room}: inline bytes left). */
    static MediaParts.Part read(Configuration conf, String cell, String base, Target target,
                                MediaParts.Room room) {
        String column = target.column();
        Path path;
        try {
            path = resolve(cell, base);
        } catch (IllegalArgumentException e) {
            return MediaParts.Part.invalid("column '" + column + "' holds '" + cell
                    + "', not a valid path: " + e.getMessage());
        }
        String what = "file " + path + " (column " + column + ")";
        try {
            FileSystem fs = path.getFileSystem(conf);
            what = "file " + fs.makeQualified(path) + " (column " + column + ")";
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                return MediaParts.Part.invalid(what + " is a directory, not a file");
            }
            String tooLarge = room.take(what, status.getLen());
            return tooLarge != null ? MediaParts.Part.invalid(tooLarge)
                    : MediaParts.Part.of(MediaData.inline(target.mimeType(),
                            readFully(fs, path, (int) status.getLen())));
        } catch (FileNotFoundException e) {
            return MediaParts.Part.invalid(what + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            return MediaParts.Part.invalid(what + " cannot be read: " + e.getClass().getSimpleName()
                    + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static byte[] readFully(FileSystem fs, Path path, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (FSDataInputStream in = fs.open(path)) {
            in.readFully(bytes);
        }
        return bytes;
    }
}
