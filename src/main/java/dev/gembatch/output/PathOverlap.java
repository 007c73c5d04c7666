package dev.gembatch.output;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether a place the job writes (the output, its journal, staging folder or lock) overlaps the
 * input, in either direction: the same path, one inside the other. Both sides are compared as
 * fully qualified paths (scheme, authority, absolute), relative paths resolved against the
 * working directory and symbolic links resolved (java.nio on the local file system, the file
 * system's own {@code resolvePath} elsewhere) up to the nearest existing ancestor.
 */
final class PathOverlap {
    private final Configuration conf;
    private final Path input;

    private PathOverlap(Configuration conf, Path input) {
        this.conf = conf;
        this.input = input;
    }

    /** The overlap check against {@code input}. */
    static PathOverlap of(String input, Configuration conf) throws IOException {
        return new PathOverlap(conf, resolve(new Path(input), conf));
    }

    /** How {@code written} overlaps the input ("is", "lies inside", "holds"), or null. */
    String overlap(String written) throws IOException {
        String relation = relation(resolve(new Path(written), conf), input);
        return relation == null ? null : relation + " the input "
                + ("file".equals(input.toUri().getScheme()) ? input.toUri().getPath() : input);
    }

    private static String relation(Path written, Path input) {
        String w = written.toString();
        String in = input.toString();
        if (w.equals(in)) {
            return "is";
        }
        if (w.startsWith(slashed(in))) {
            return "lies inside";
        }
        return in.startsWith(slashed(w)) ? "holds" : null;
    }

    private static String slashed(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    /** The fully qualified path with links resolved up to its nearest existing ancestor. */
    static Path resolve(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        Path q = fs.makeQualified(path);
        Deque<String> missing = new ArrayDeque<>();
        Path existing = q;
        while (existing.getParent() != null && !fs.exists(existing)) {
            missing.push(existing.getName());
            existing = existing.getParent();
        }
        Path base = "file".equals(q.toUri().getScheme())
                ? new Path(Paths.get(existing.toUri()).toRealPath().toUri())
                : fs.resolvePath(existing);
        for (String name : missing) {
            base = new Path(base, name);
        }
        return fs.makeQualified(base);
    }
}
