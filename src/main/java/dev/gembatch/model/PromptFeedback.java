package dev.gembatch.model;

import java.io.Serializable;
import java.util.List;

/** Prompt feedback: a block reason (null unless the prompt was blocked), its message, ratings. */
public record PromptFeedback(String blockReason, String blockMessage,
                             List<SafetyRating> safetyRatings) implements Serializable {

    public PromptFeedback {
        safetyRatings = safetyRatings == null ? List.of() : List.copyOf(safetyRatings);
    }

    /** True when the server refused the prompt itself. */
    public boolean blocked() {
        return blockReason != null;
    }
}
