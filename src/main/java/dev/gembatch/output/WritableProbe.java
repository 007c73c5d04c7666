package dev.gembatch.output;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Proves that files can be created where an output, its journal and its lock go (the nearest
 * existing folder above the output) and, when appending, inside the output: creates and deletes
 * a hidden probe file. Permission bits alone say nothing of a read-only mount.
 */
final class WritableProbe {
    private WritableProbe() {
    }

    /**
     * Adds a problem under {@code key} for each folder where no file can be created: the one
     * above {@code path}, and {@code path} itself when {@code appends} to an existing folder.
     */
    static void check(FileSystem fs, Path path, boolean appends, String key,
                      List<String> problems) throws IOException {
        Path parent = path.getParent() == null ? path : path.getParent();
        while (parent.getParent() != null && !fs.exists(parent)) {
            parent = parent.getParent();
        }
        probe(fs, parent, key, problems);
        if (appends && fs.isDirectory(path)) {
            probe(fs, path, key, problems);
        }
    }

    private static void probe(FileSystem fs, Path dir, String key, List<String> problems) {
        Path probe = new Path(dir, ".gembatch-probe-" + UUID.randomUUID());
        try {
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            problems.add(key + ": cannot create a file in '" + dir + "' ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }
}
