package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key set of reference.conf: reports every key of a user layer that reference.conf does not
 * know, with the nearest known key. Free-form objects accept any key below them.
 */
final class KnownKeys {
    static final List<String> FREE_FORM = List.of("answers", "spark.conf", "model.extra-request-fields",
            "model.labels",
            "model.generation.response-schema", "pricing",
            "store.max-age-by-model");

    private final Set<String> leaves = new TreeSet<>();
    private final Set<String> objects = new TreeSet<>();

    KnownKeys(Config reference) {
        collect(reference.root(), List.of());
    }

    /** Records one problem per unknown key of {@code layer} (an unknown object counts once). */
    void check(Config layer, Problems problems) {
        check(layer.root(), List.of(), problems);
    }

    private void check(ConfigObject object, List<String> prefix, Problems problems) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = append(prefix, entry.getKey());
            String joined = ConfigUtil.joinPath(path);
            if (isFreeForm(joined) || leaves.contains(joined)) {
                continue;
            }
            if (objects.contains(joined)) {
                if (entry.getValue() instanceof ConfigObject child) {
                    check(child, path, problems);
                }
                continue;
            }
            problems.add(joined, Problems.origin(entry.getValue()), unknown(joined));
        }
    }

    private String unknown(String path) {
        String nearest = nearest(path);
        return nearest == null ? "unknown key (see docs/CONFIG.md for the valid keys)"
                : "unknown key; did you mean " + nearest + "?";
    }

    /** The known key closest to a mistyped one, or null when none is plausibly meant. */
    String nearest(String path) {
        String nearest = Spelling.nearest(path, known());
        return nearest != null ? nearest : sameLastSegment(path);
    }

    private String sameLastSegment(String path) {
        List<String> segments = ConfigUtil.splitPath(path);
        String last = Spelling.normalize(segments.get(segments.size() - 1));
        for (String known : known()) {
            List<String> knownSegments = ConfigUtil.splitPath(known);
            if (Spelling.normalize(knownSegments.get(knownSegments.size() - 1)).equals(last)) {
                return known;
            }
        }
        return null;
    }

    private Set<String> known() {
        Set<String> all = new TreeSet<>(leaves);
        all.addAll(objects);
        return all;
    }

    private void collect(ConfigObject object, List<String> prefix) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = append(prefix, entry.getKey());
            String joined = ConfigUtil.joinPath(path);
            if (entry.getValue() instanceof ConfigObject child && !isFreeForm(joined)) {
                objects.add(joined);
                collect(child, path);
            } else {
                leaves.add(joined);
            }
        }
    }

    static boolean isFreeForm(String path) {
        for (String free : FREE_FORM) {
            if (path.equals(free) || path.startsWith(free + ".")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> append(List<String> prefix, String key) {
        List<String> path = new ArrayList<>(prefix);
        path.add(key);
        return path;
    }
}
