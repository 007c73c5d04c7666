package dev.gembatch.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and checks the {@code store} section (see docs/STORE.md). */
final class StoreSection {
    private static final String BY_MODEL = "store.max-age-by-model";

    private StoreSection() {
    }

    static StoreSettings store(Reader r) {
        String path = r.optionalString("store.path");
        if (path != null && path.isBlank()) {
            r.problems().bad(r.config(), "store.path", "must not be blank (or null for no store)");
        }
        if (path != null && Boolean.FALSE.equals(r.bool("pipeline.dedupe"))) {
            r.problems().bad(r.config(), "store.path", "needs pipeline.dedupe = true (answers are"
                    + " looked up and stored by request_id)");
        }
        Duration maxAge = r.durationAtLeast("store.max-age", Duration.ZERO, true);
        Long below = r.bytesIn("store.compact-below", 1, Long.MAX_VALUE);
        return new StoreSettings(path == null || path.isBlank() ? null : path,
                maxAge == null ? Duration.ZERO : maxAge, byModel(r), below == null ? 1 : below);
    }

    private static Map<String, Duration> byModel(Reader r) {
        Map<String, Duration> ages = new LinkedHashMap<>();
        if (r.isNull(BY_MODEL)) {
            return ages;
        }
        if (!(r.value(BY_MODEL) instanceof ConfigObject object)) {
            r.problems().bad(r.config(), BY_MODEL, "must be an object of model name → duration");
            return ages;
        }
        for (String model : object.keySet()) {
            Duration age = r.durationAtLeast(ConfigUtil.joinPath("store", "max-age-by-model",
                    model), Duration.ZERO, true);
            if (age != null) {
                ages.put(model, age);
            }
        }
        return ages;
    }
}
