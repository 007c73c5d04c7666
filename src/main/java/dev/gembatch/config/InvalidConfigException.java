package dev.gembatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every problem found in a job's settings, each naming key path, origin (file:line), rule and
 * offending value; {@link #getMessage()} lists them one per line and never contains the API key.
 */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;
    private final transient JobSettings readSoFar;

    InvalidConfigException(List<String> problems) {
        this(problems, null);
    }

    InvalidConfigException(List<String> problems, JobSettings readSoFar) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        this.readSoFar = readSoFar;
    }

    /**
     * The settings as far as they could be read despite the problems (invalid values left at
     * null or their default), so that a caller can check the input against them and report its
     * problems in the same message; empty when the files could not even be parsed.
     */
    public Optional<JobSettings> readSoFar() {
        return Optional.ofNullable(readSoFar);
    }

    /** The same problems followed by {@code more} (e.g. the input's), in one message. */
    public InvalidConfigException with(List<String> more) {
        List<String> all = new ArrayList<>(problems);
        all.addAll(more);
        return new InvalidConfigException(all, readSoFar);
    }

    /** The problems, one sentence each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return "Invalid job configuration (" + problems.size() + " " + noun + "):\n  - "
                + String.join("\n  - ", problems);
    }
}
