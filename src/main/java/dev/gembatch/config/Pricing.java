package dev.gembatch.config;

import java.io.Serializable;
import java.util.Map;

/**
 * The price table ({@code pricing}): a price per model name and the {@code default} price for
 * models the table does not name. Figures are estimates the user may override.
 */
public record Pricing(Map<String, Price> models, Price fallback) implements Serializable {

    public Pricing {
        models = Map.copyOf(models);
    }

    /**
     * The price of a model: its own entry, else the entry that is the longest prefix of its name
     * (gemini-2.5-flash-preview-09-2025 costs as gemini-2.5-flash), else the default.
     */
    public Price forModel(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        Price exact = models.get(name);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String known : models.keySet()) {
            if (name.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? fallback : models.get(best);
    }
}
