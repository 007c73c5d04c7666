package dev.gembatch.config;

import java.io.Serializable;
import java.util.List;

/**
 * One answer column of a job: its name (what later templates write as {@code {{name}}}; null in
 * a job with a single answer), the prefix of its result columns, its prompt and model, and the
 * answer columns its prompt reads (they run before it).
 */
public record AnswerColumn(String name, String prefix, PromptSettings prompt,
                           ModelSettings model, List<String> reads) implements Serializable {

    public AnswerColumn {
        reads = List.copyOf(reads);
    }

    /** True when this answer's prompt reads {@code other}. */
    public boolean reads(AnswerColumn other) {
        return other.name() != null && reads.contains(other.name());
    }

    /** Where this answer's keys sit in the job file: "" or "answers.NAME.". */
    public String keyPrefix() {
        return name == null ? "" : "answers." + name + ".";
    }

    /** The column holding this answer's text, which {@code {{name}}} reads. */
    public String answerColumn() {
        return prefix + "answer";
    }

    /** The column holding this answer's status. */
    public String statusColumn() {
        return prefix + "status";
    }

    /** The column holding this answer's error status. */
    public String errorStatusColumn() {
        return prefix + "error_status";
    }
}
