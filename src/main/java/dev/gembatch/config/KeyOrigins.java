package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each key that names input columns was set ({@code file:line}, or {@code --set key}):
 * the prompt keys (templates, column, system instruction, media parts), those of every answer
 * column, and {@code input.id-column}, by the key as problems name it (e.g.
 * "answers.headline.prompt.template", "prompt.parts[0].file-column"). A column problem found
 * once the input is open then names its origin as a key problem does.
 */
public record KeyOrigins(Map<String, String> byKey) implements Serializable {
    /** No origins known (settings built in code). */
    public static final KeyOrigins NONE = new KeyOrigins(Map.of());

    public KeyOrigins {
        byKey = Map.copyOf(byKey);
    }

    /** The origins of the column-naming keys of a resolved job config. */
    static KeyOrigins of(Config resolved) {
        Map<String, String> origins = new LinkedHashMap<>();
        walk(Problems.valueAt(resolved, "prompt"), "prompt", origins);
        walk(Problems.valueAt(resolved, "answers"), "answers", origins);
        walk(Problems.valueAt(resolved, "input.id-column"), "input.id-column", origins);
        return new KeyOrigins(origins);
    }

    /** {@code key} followed by its origin in parentheses, or {@code key} alone when unknown. */
    public String located(String key) {
        String origin = byKey.get(key);
        return origin == null ? key : key + " (" + origin + ")";
    }

    private static void walk(ConfigValue value, String path, Map<String, String> origins) {
        if (value instanceof ConfigObject object) {
            object.forEach((k, v) -> walk(v, path + "." + k, origins));
        } else if (value instanceof ConfigList list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", origins);
            }
        } else if (value != null && !Problems.describe(value.origin()).contains("reference.conf")) {
            origins.put(path, Problems.describe(value.origin()));
        }
    }
}
