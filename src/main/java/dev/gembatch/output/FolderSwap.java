package dev.gembatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe replacement of an output folder by a new one written from it (resume,
 * retry-failed), a protocol recoverable after a stop at any step:
 * <ol>
 *   <li>{@link Step#STAGED}: the new output is written, complete, to
 *       {@code <output>.gembatch-staging};</li>
 *   <li>{@link Step#MARKED}: the commit marker {@code <output>.gembatch-commit} is created: from
 *       now on the staged folder <em>is</em> the output;</li>
 *   <li>{@link Step#REMOVED}: the old output is deleted;</li>
 *   <li>{@link Step#MOVED}: the staged folder is renamed to the output;</li>
 *   <li>{@link Step#DONE}: the marker is deleted.</li>
 * </ol>
 * {@link #recover} (at the start of every run of the folder) finishes a swap whose marker exists
 * (deletes what is left of the old output, moves the staged folder in, deletes the marker) and
 * rolls back one without it (deletes the staged folder: the old output is untouched). So the
 * folder holds the old output or the new one, never a mix, and a resumed run after any stop
 * finds every row exactly once.
 */
final class FolderSwap {
    private static final Logger LOG = LoggerFactory.getLogger(FolderSwap.class);
    /** Suffix of the commit marker beside the output folder. */
    static final String MARKER_SUFFIX = ".gembatch-commit";

    /** A step of the protocol, done. */
    enum Step { STAGED, MARKED, REMOVED, MOVED, DONE }

    /** Told after each step (production: logs it; tests stop the swap there). */
    interface Steps {
        void done(Step step, Path output) throws IOException;
    }

    /** The production listener: each step logged. */
    static final Steps LOGGED = (step, output) -> LOG.info("output commit of {}: {}", output,
            step.name().toLowerCase(java.util.Locale.ROOT));

    private final FileSystem fs;
    private final Path output;
    private final Steps steps;

    FolderSwap(FileSystem fs, Path output, Steps steps) {
        this.fs = fs;
        this.output = output;
        this.steps = steps;
    }

    /** The staged folder beside {@code output}. */
    static Path stagingOf(Path output) {
        return new Path(output.getParent(), output.getName() + ".gembatch-staging");
    }

    /** The commit marker beside {@code output}. */
    static Path markerOf(Path output) {
        return new Path(output.getParent(), output.getName() + MARKER_SUFFIX);
    }

    /** Steps 2 to 5, once the new output is staged (step 1, done by the caller). */
    void commitStaged() throws IOException {
        steps.done(Step.STAGED, output);
        try (OutputStream out = fs.create(markerOf(output), true)) {
            out.write(("the staged folder " + stagingOf(output) + " replaces " + output + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        steps.done(Step.MARKED, output);
        finish();
    }

    /**
     * Finishes or rolls back a swap a stopped run left; returns what was done (for the run's
     * notes) or null when there was nothing to do.
     */
    String recover() throws IOException {
        Path staging = stagingOf(output);
        if (fs.exists(markerOf(output))) {
            finish();
            return "finished the commit of " + output + " that an earlier run was stopped in";
        }
        if (fs.exists(staging)) {
            fs.delete(staging, true);
            return "deleted the staged output " + staging + " of an earlier run stopped before"
                    + " its commit (the output is as that run found it)";
        }
        return null;
    }

    /** Steps 3 to 5 (each skipped when a stop left it done). */
    private void finish() throws IOException {
        Path staging = stagingOf(output);
        if (fs.exists(staging)) {
            if (fs.exists(output) && !fs.delete(output, true)) {
                throw new IOException("cannot delete the old output " + output);
            }
            steps.done(Step.REMOVED, output);
            if (!fs.rename(staging, output)) {
                throw new IOException("cannot move the new output " + staging + " to " + output);
            }
            steps.done(Step.MOVED, output);
        }
        fs.delete(markerOf(output), false);
        steps.done(Step.DONE, output);
    }
}
