package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks the model section: name, generation config, safety settings, extra fields. */
final class ModelSection {
    private static final String G = "model.generation.";
    private static final int MAX_STOP_SEQUENCES = 5;
    private static final Set<String> THINKING_LEVELS = Set.of("MINIMAL", "LOW", "MEDIUM", "HIGH");
    private static final Set<String> SCHEMA_MIME_TYPES = Set.of("application/json", "text/x.enum");
    private static final Set<String> THRESHOLDS = Set.of("HARM_BLOCK_THRESHOLD_UNSPECIFIED",
            "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE", "OFF");
    private static final Set<String> SAFETY_KEYS = Set.of("category", "threshold");

    private ModelSection() {
    }

    static ModelSettings model(Reader r) {
        String extra = r.optionalJsonObject("model.extra-request-fields");
        if (extra != null && r.config().hasPath("model.extra-request-fields.contents")) {
            r.problems().bad(r.config(), "model.extra-request-fields.contents",
                    "must not be set: gembatch builds contents from the prompt");
        }
        if (extra != null && r.config().hasPath("model.extra-request-fields.serviceTier")) {
            r.problems().bad(r.config(), "model.extra-request-fields.serviceTier",
                    "must not be set: use model.service-tier (standard | flex | priority)");
        }
        String merged = RequestLabels.merge(r, extra);
        ServiceTier tier = r.enumValue("model.service-tier", ServiceTier.class);
        FlexFallback fallback = r.enumValue("model.flex-fallback", FlexFallback.class);
        return new ModelSettings(r.required("model.name"), generation(r), safety(r),
                merged == null ? "{}" : merged, tier == null ? ServiceTier.STANDARD : tier,
                fallback == null ? FlexFallback.STANDARD : fallback);
    }

    static GenerationSettings generation(Reader r) {
        return new GenerationSettings(
                optional(r, "temperature") ? r.doubleIn(G + "temperature", 0, 2) : null,
                optional(r, "top-p") ? r.doubleIn(G + "top-p", 0, 1) : null,
                optional(r, "top-k") ? r.intIn(G + "top-k", 1, Integer.MAX_VALUE) : null,
                optional(r, "candidate-count") ? r.intIn(G + "candidate-count", 1, 8) : null,
                optional(r, "max-output-tokens")
                        ? r.intIn(G + "max-output-tokens", 1, Integer.MAX_VALUE) : null,
                optional(r, "stop-sequences") ? stopSequences(r) : null,
                optional(r, "response-mime-type") ? r.string(G + "response-mime-type") : null,
                responseSchema(r),
                optional(r, "seed") ? r.longIn(G + "seed", Long.MIN_VALUE, Long.MAX_VALUE) : null,
                optional(r, "presence-penalty") ? r.doubleIn(G + "presence-penalty", -2, 2) : null,
                optional(r, "frequency-penalty") ? r.doubleIn(G + "frequency-penalty", -2, 2) : null,
                optional(r, "thinking.budget")
                        ? r.intIn(G + "thinking.budget", -1, Integer.MAX_VALUE) : null,
                optional(r, "thinking.include-thoughts") ? r.bool(G + "thinking.include-thoughts")
                        : null,
                optional(r, "thinking.level") ? thinkingLevel(r) : null);
    }

    private static boolean optional(Reader r, String key) {
        return !r.isNull(G + key);
    }

    private static List<String> stopSequences(Reader r) {
        List<String> values = r.stringList(G + "stop-sequences");
        if (values.size() > MAX_STOP_SEQUENCES || values.stream().anyMatch(String::isEmpty)) {
            r.problems().bad(r.config(), G + "stop-sequences",
                    "must be a list of at most 5 non-empty strings");
        }
        return values;
    }

    private static String responseSchema(Reader r) {
        String schema = r.optionalJsonObject(G + "response-schema");
        String mime = r.isNull(G + "response-mime-type") ? null
                : r.config().getValue(G + "response-mime-type").unwrapped().toString();
        if (schema != null && (mime == null || !SCHEMA_MIME_TYPES.contains(mime))) {
            r.problems().bad(r.config(), G + "response-schema", "needs " + G
                    + "response-mime-type = application/json (or text/x.enum)");
        }
        if (schema != null) {
            new SchemaShape(r.problems()).check(r.config().getValue(G + "response-schema"),
                    G + "response-schema");
        }
        return schema;
    }

    private static String thinkingLevel(Reader r) {
        String level = r.string(G + "thinking.level");
        if (level == null) {
            return null;
        }
        String upper = level.strip().toUpperCase(Locale.ROOT);
        if (!THINKING_LEVELS.contains(upper)) {
            r.problems().bad(r.config(), G + "thinking.level",
                    "must be one of minimal, low, medium, high");
            return null;
        }
        return upper;
    }

    private static List<SafetySetting> safety(Reader r) {
        String path = "model.safety-settings";
        List<? extends ConfigObject> items;
        try {
            items = r.isNull(path) ? List.of() : r.config().getObjectList(path);
        } catch (ConfigException.WrongType e) {
            r.problems().bad(r.config(), path, "must be a list of {category, threshold} objects");
            return List.of();
        }
        List<SafetySetting> settings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            settings.add(safetySetting(r, path + "[" + i + "]", items.get(i)));
        }
        return settings;
    }

    private static SafetySetting safetySetting(Reader r, String path, ConfigObject item) {
        Config c = item.toConfig();
        for (String key : item.keySet()) {
            if (!SAFETY_KEYS.contains(key)) {
                r.problems().add(path + "." + key, Problems.origin(item.get(key)),
                        "unknown key; a safety setting has only category and threshold");
            }
        }
        String category = upper(c, "category");
        String threshold = upper(c, "threshold");
        if (category == null || !category.startsWith("HARM_CATEGORY_")) {
            r.problems().add(path + ".category", Problems.origin(item),
                    "must be a HARM_CATEGORY_... name; got " + category);
        }
        if (threshold == null || !THRESHOLDS.contains(threshold)) {
            r.problems().add(path + ".threshold", Problems.origin(item),
                    "must be one of " + String.join(", ", new TreeSet<>(THRESHOLDS))
                            + "; got " + threshold);
        }
        return new SafetySetting(category, threshold);
    }

    private static String upper(Config item, String key) {
        ConfigValue value = item.hasPath(key) ? item.getValue(key) : null;
        return value == null ? null : value.unwrapped().toString().strip().toUpperCase(Locale.ROOT);
    }
}
