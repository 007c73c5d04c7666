package dev.gembatch.emulator;

import java.util.List;

/**
 * The models the emulator serves, as Google's Gemini API lists them (docs/EMULATOR.md): any other
 * name is answered 404 NOT_FOUND, as Google answers a misspelt or retired model, so a typo fails
 * against the emulator as it would in production. {@code EmulatorOptions.extraModels} (the
 * {@code gemini.emulator.extra-models} knob) adds names, for a proxy's own aliases or a model
 * newer than this list.
 */
final class ModelCatalog {
    /** Google's model codes: stable, preview and the latest aliases. */
    static final List<String> MODELS = List.of(
            "gemini-3-pro-preview", "gemini-3-flash-preview", "gemini-3.6-flash",
            "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
            "gemini-2.5-flash-preview-09-2025", "gemini-2.5-flash-lite-preview-09-2025",
            "gemini-2.5-flash-image", "gemini-2.5-flash-image-preview",
            "gemini-2.0-flash", "gemini-2.0-flash-001", "gemini-2.0-flash-exp",
            "gemini-2.0-flash-lite", "gemini-2.0-flash-lite-001",
            "gemini-2.0-flash-preview-image-generation",
            "gemini-flash-latest", "gemini-flash-lite-latest", "gemini-pro-latest");

    private ModelCatalog() {
    }

    /** True when {@code model} (with or without a leading {@code models/}) is served. */
    static boolean serves(String model, List<String> extra) {
        if (model == null) {
            return false;
        }
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return MODELS.contains(name) || extra.contains(name);
    }
}
