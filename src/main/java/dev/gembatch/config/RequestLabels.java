package dev.gembatch.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code model.labels}: Vertex AI request labels (billing attribution), checked against Vertex's
 * rules and merged into the request's top-level fields as {@code "labels"}. The Gemini API
 * rejects the field, so labels need {@code gemini.endpoint = vertex}.
 */
final class RequestLabels {
    static final String PATH = "model.labels";
    private static final int MAX_LABELS = 64;
    private static final Pattern KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}0-9_-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}0-9_-]{0,63}");

    private RequestLabels() {
    }

    /** The extra request fields JSON with the labels added (or as given when there are none). */
    static String merge(Reader r, String extraJson) {
        Map<String, String> labels = labels(r);
        if (labels.isEmpty()) {
            return extraJson;
        }
        if (r.config().hasPath("model.extra-request-fields.labels")) {
            r.problems().bad(r.config(), "model.extra-request-fields.labels",
                    "must not be set next to " + PATH + ": write the labels in " + PATH);
            return extraJson;
        }
        ConfigObject extra = r.isNull("model.extra-request-fields")
                ? ConfigValueFactory.fromMap(Map.of())
                : r.config().getObject("model.extra-request-fields");
        return extra.withValue("labels", ConfigValueFactory.fromMap(labels))
                .render(ConfigRenderOptions.concise());
    }

    private static Map<String, String> labels(Reader r) {
        if (r.isNull(PATH)) {
            return Map.of();
        }
        if (r.value(PATH).valueType() != ConfigValueType.OBJECT) {
            r.problems().bad(r.config(), PATH, "must be an object of label = value strings");
            return Map.of();
        }
        ConfigObject object = r.config().getObject(PATH);
        if (object.isEmpty()) {
            return Map.of();
        }
        if (!"vertex".equals(String.valueOf(r.value(VertexSection.ENDPOINT).unwrapped()))) {
            r.problems().bad(r.config(), PATH, "needs gemini.endpoint = vertex: request labels"
                    + " are a Vertex AI feature and the Gemini API rejects the field");
            return Map.of();
        }
        if (object.size() > MAX_LABELS) {
            r.problems().bad(r.config(), PATH, "must have at most " + MAX_LABELS + " labels");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        object.forEach((key, value) -> check(r, key, value, labels));
        return labels;
    }

    private static void check(Reader r, String key, ConfigValue value, Map<String, String> into) {
        String path = PATH + "." + key;
        boolean scalar = value.valueType() == ConfigValueType.STRING
                || value.valueType() == ConfigValueType.NUMBER
                || value.valueType() == ConfigValueType.BOOLEAN;
        String text = scalar ? String.valueOf(value.unwrapped()) : null;
        if (!KEY.matcher(key).matches()) {
            r.problems().add(path, Problems.origin(value), "a label key must start with a lower-case"
                    + " letter and hold at most 63 lower-case letters, digits, _ and -");
        } else if (text == null || !VALUE.matcher(text).matches()) {
            r.problems().bad(r.config(), path, "a label value must be at most 63 lower-case"
                    + " letters, digits, _ and -");
        } else {
            into.put(key, text);
        }
    }
}
