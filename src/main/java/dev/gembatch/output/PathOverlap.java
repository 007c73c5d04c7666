package dev.gembatch.output;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.Path;

/**
 * Whether a place the job writes (the output, its journal, staging folder or lock) overlaps the
 * input, in either direction: the same path, one inside the other. Both sides are compared as
 * fully qualified paths (scheme, authority, absolute), relative paths resolved against the
 * working directory and symbolic links resolved (java.nio on the local file system, the file
 * system's own {@code resolvePath} elsewhere) up to the nearest existing ancestor. A glob input
 * overlaps what it matches now and any written path its pattern would match.
 */
final class PathOverlap {
    private final Configuration conf;
    private final List<Path> inputs = new ArrayList<>();
    private final GlobPattern glob;

    private PathOverlap(Configuration conf, List<Path> inputs, GlobPattern glob) {
        this.conf = conf;
        this.inputs.addAll(inputs);
        this.glob = glob;
    }

    /** The overlap check against {@code input} (a path or a glob). */
    static PathOverlap of(String input, Configuration conf) throws IOException {
        Path in = new Path(input);
        FileSystem fs = in.getFileSystem(conf);
        List<Path> resolved = new ArrayList<>();
        if (!new GlobPattern(input).hasWildcard()) {
            resolved.add(resolve(in, conf));
            return new PathOverlap(conf, resolved, null);
        }
        FileStatus[] matches = fs.globStatus(in);
        for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
            resolved.add(resolve(s.getPath(), conf));
        }
        return new PathOverlap(conf, resolved,
                new GlobPattern(fs.makeQualified(in).toUri().getPath()));
    }

    /** How {@code written} overlaps the input ("is", "lies inside", "holds"), or null. */
    String overlap(String written) throws IOException {
        Path w = resolve(new Path(written), conf);
        for (Path in : inputs) {
            String relation = relation(w, in);
            if (relation != null) {
                return relation + " the input "
                        + ("file".equals(in.toUri().getScheme()) ? in.toUri().getPath() : in);
            }
        }
        if (glob != null && glob.matches(w.toUri().getPath())) {
            return "matches the input pattern";
        }
        return null;
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
