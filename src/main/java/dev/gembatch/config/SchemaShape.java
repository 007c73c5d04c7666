package dev.gembatch.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that {@code model.generation.response-schema} is the Gemini Schema subset gembatch can
 * type: every node an object of known keys with a known {@code type}, an OBJECT with properties,
 * an ARRAY with items, no {@code anyOf}. Each problem names the key path inside the schema.
 */
final class SchemaShape {
    private static final Set<String> TYPES = Set.of("STRING", "INTEGER", "NUMBER", "BOOLEAN",
            "ARRAY", "OBJECT");
    private static final String TYPE_NAMES =
            "one of STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT (any case)";
    private static final Set<String> TEXT_KEYS = Set.of("type", "format", "description", "title",
            "pattern");
    private static final Set<String> NUMBER_KEYS = Set.of("minItems", "maxItems", "minimum",
            "maximum", "minLength", "maxLength", "minProperties", "maxProperties");
    private static final Set<String> LIST_KEYS = Set.of("enum", "required", "propertyOrdering");
    private static final Set<String> FREE_KEYS = Set.of("example", "default");
    private static final Set<String> NODE_KEYS = Set.of("nullable", "properties", "items");
    /** Keys that only one type may have. */
    private static final Map<String, String> TYPED_KEYS = Map.of("properties", "OBJECT",
            "required", "OBJECT", "propertyOrdering", "OBJECT", "items", "ARRAY",
            "enum", "STRING");
    private final Problems problems;

    SchemaShape(Problems problems) {
        this.problems = problems;
    }

    /** Checks the schema node at {@code path} (a HOCON path) and everything under it. */
    void check(ConfigValue node, String path) {
        if (!(node instanceof ConfigObject schema)) {
            bad(path, node, "must be a schema object with a type");
            return;
        }
        schema.forEach((key, value) -> checkKey(key, value, child(path, key)));
        String type = type(schema, path);
        if (type == null) {
            return;
        }
        TYPED_KEYS.forEach((key, owner) -> {
            if (schema.containsKey(key) && !owner.equals(type)) {
                bad(child(path, key), schema.get(key), "only a type " + owner + " has " + key);
            }
        });
        if ("OBJECT".equals(type)) {
            checkObject(schema, path);
        } else if ("ARRAY".equals(type)) {
            checkArray(schema, path);
        }
    }

    private void checkKey(String key, ConfigValue value, String path) {
        ConfigValueType t = value.valueType();
        if (TEXT_KEYS.contains(key) && t != ConfigValueType.STRING) {
            bad(path, value, "must be a string");
        } else if (NUMBER_KEYS.contains(key) && t != ConfigValueType.NUMBER) {
            bad(path, value, "must be a number");
        } else if (LIST_KEYS.contains(key) && !isStringList(value)) {
            bad(path, value, "must be a list of strings");
        } else if ("nullable".equals(key) && t != ConfigValueType.BOOLEAN) {
            bad(path, value, "must be true or false");
        } else if (!TEXT_KEYS.contains(key) && !NUMBER_KEYS.contains(key)
                && !LIST_KEYS.contains(key) && !FREE_KEYS.contains(key)
                && !NODE_KEYS.contains(key)) {
            bad(path, value, "anyOf".equals(key)
                    ? "anyOf is not supported: an answer_struct column needs one type"
                    : "unknown schema key; known: type, format, description, nullable, enum,"
                    + " properties, required, propertyOrdering, items, minItems, maxItems,"
                    + " minimum, maximum, minLength, maxLength, minProperties, maxProperties,"
                    + " pattern, title, example, default");
        }
    }

    private String type(ConfigObject schema, String path) {
        ConfigValue value = schema.get("type");
        String type = value == null ? null
                : String.valueOf(value.unwrapped()).toUpperCase(Locale.ROOT);
        if (value == null) {
            missing(child(path, "type"), schema, "required: " + TYPE_NAMES);
        } else if (!TYPES.contains(type)) {
            bad(child(path, "type"), value, "must be " + TYPE_NAMES);
        }
        return type != null && TYPES.contains(type) ? type : null;
    }

    private void checkObject(ConfigObject schema, String path) {
        ConfigValue properties = schema.get("properties");
        String rule = "an OBJECT needs properties (a non-empty object of schemas)";
        if (properties == null) {
            missing(child(path, "properties"), schema, rule);
        }
        if (!(properties instanceof ConfigObject props) || props.isEmpty()) {
            if (properties != null) {
                bad(child(path, "properties"), properties, rule);
            }
            return;
        }
        Set<String> folded = new HashSet<>();
        for (Map.Entry<String, ConfigValue> p : props.entrySet()) {
            String at = child(child(path, "properties"), p.getKey());
            if (!folded.add(p.getKey().toLowerCase(Locale.ROOT))) {
                bad(at, p.getValue(), "two properties differ only in case (Spark column names"
                        + " are case-insensitive)");
            }
            check(p.getValue(), at);
        }
        names(schema, path, "required", props);
        names(schema, path, "propertyOrdering", props);
    }

    private void checkArray(ConfigObject schema, String path) {
        if (!schema.containsKey("items")) {
            missing(child(path, "items"), schema, "an ARRAY needs items (the schema of its"
                    + " elements)");
        } else {
            check(schema.get("items"), child(path, "items"));
        }
    }

    /** Each name of the list {@code key} is a property, once. */
    private void names(ConfigObject schema, String path, String key, ConfigObject props) {
        if (!(schema.get(key) instanceof ConfigList list) || !isStringList(list)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (ConfigValue name : list) {
            String property = String.valueOf(name.unwrapped());
            if (!props.containsKey(property) || !seen.add(property)) {
                bad(child(path, key), name, "must name each property at most once; properties: "
                        + String.join(", ", props.keySet()));
            }
        }
    }

    private static boolean isStringList(ConfigValue value) {
        return value instanceof ConfigList list
                && list.stream().allMatch(v -> v.valueType() == ConfigValueType.STRING);
    }

    private static String child(String path, String key) {
        return path + "." + ConfigUtil.joinPath(key);
    }

    private void bad(String path, ConfigValue value, String rule) {
        problems.add(path, Problems.origin(value), rule + "; got " + Problems.render(value));
    }

    /** A key the schema node {@code parent} lacks. */
    private void missing(String path, ConfigObject parent, String rule) {
        problems.add(path, Problems.origin(parent), rule);
    }
}
