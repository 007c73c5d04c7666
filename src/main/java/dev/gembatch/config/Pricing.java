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
        String entry = entry(model);
        return entry == null ? fallback : models.get(entry);
    }

    /** True when the table prices {@code model} itself (by name or prefix), not by default. */
    public boolean prices(String model) {
        return entry(model) != null;
    }

    /** The model's own entry name, else the longest entry that prefixes it, else null. */
    private String entry(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (models.containsKey(name)) {
            return name;
        }
        String best = null;
        for (String known : models.keySet()) {
            if (name.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best;
    }
}
