package dev.gembatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The store's folder: {@code _gembatch_store.json} (the format and its version),
 * {@code segments/<id>/} (committed segments) and {@code _staging/<id>/} (segments being
 * written). Checks what the folder holds before anything is read or written: a folder of other
 * files, or a store of a newer format version, is refused.
 */
final class StoreFolder {
    /** The store format this build writes and the newest it reads. */
    static final int VERSION = 1;
    static final String MARKER = "_gembatch_store.json";
    private static final String FORMAT = "gembatch-answer-store";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;
    private final Configuration conf;

    StoreFolder(String path, Configuration conf) {
        this.root = new Path(path);
        this.conf = conf;
    }

    Path root() {
        return root;
    }

    Configuration conf() {
        return conf;
    }

    FileSystem fs() throws IOException {
        return root.getFileSystem(conf);
    }

    Path segments() {
        return new Path(root, "segments");
    }

    Path staging() {
        return new Path(root, "_staging");
    }

    /**
     * Refuses a folder that is not an answer store this build can use (a missing or empty folder
     * is a new store).
     *
     * @throws AnswerStore.Refused saying what the folder holds instead
     */
    void check() throws IOException, AnswerStore.Refused {
        FileSystem fs = fs();
        if (!fs.exists(root)) {
            return;
        }
        if (!fs.getFileStatus(root).isDirectory()) {
            throw refused("is a file, not an answer store folder");
        }
        Path marker = new Path(root, MARKER);
        if (!fs.exists(marker)) {
            FileStatus[] entries = fs.listStatus(root);
            if (entries.length > 0) {
                throw refused("holds " + entries.length + " entries that are not an answer store"
                        + " (no " + MARKER + "), e.g. " + entries[0].getPath().getName()
                        + "; use an empty or new folder");
            }
            return;
        }
        checkVersion(readMarker(fs, marker), marker);
    }

    private void checkVersion(JsonNode json, Path marker) throws AnswerStore.Refused {
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw refused("holds a " + MARKER + " that is not a gembatch answer store's");
        }
        int version = json.path("version").asInt(-1);
        if (version > VERSION) {
            throw refused("was written by a newer gembatch (store format version " + version
                    + "; this build reads up to " + VERSION + "); upgrade gembatch");
        }
        if (version < 1) {
            throw refused("has no valid version in " + marker.getName());
        }
    }

    private JsonNode readMarker(FileSystem fs, Path marker) throws AnswerStore.Refused {
        try (InputStream in = fs.open(marker)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw refused("has an unreadable " + MARKER + ": " + e.getMessage());
        }
    }

    /** Writes the marker if it is missing (temporary name, then rename: never half-written). */
    void ensureMarker() throws IOException {
        FileSystem fs = fs();
        Path marker = new Path(root, MARKER);
        if (fs.exists(marker)) {
            return;
        }
        fs.mkdirs(root);
        Path temp = new Path(root, "." + MARKER + "." + System.nanoTime() + ".tmp");
        try (OutputStream out = fs.create(temp, false)) {
            out.write(JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                    .toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(temp, marker)) {
            fs.delete(temp, false); // another run created it first: same content
        }
    }

    /** The committed segment folders (none in a new store). */
    FileStatus[] segmentDirs() throws IOException {
        FileSystem fs = fs();
        if (!fs.exists(segments())) {
            return new FileStatus[0];
        }
        return Arrays.stream(fs.listStatus(segments())).filter(FileStatus::isDirectory)
                .toArray(FileStatus[]::new);
    }

    private AnswerStore.Refused refused(String what) {
        return new AnswerStore.Refused("store.path: '" + root + "' " + what);
    }
}
