package dev.gembatch.input;

import java.util.List;

/** The input (or the output target) cannot be used as configured; nothing was sent. */
public final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one sentence naming the key or column involved. */
    public List<String> problems() {
        return problems;
    }
}
