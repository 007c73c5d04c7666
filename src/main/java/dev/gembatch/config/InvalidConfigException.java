package dev.gembatch.config;

import java.util.List;

/**
 * Every problem found in a job's settings, each naming key path, origin (file:line), rule and
 * offending value; {@link #getMessage()} lists them one per line and never contains the API key.
 */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
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
