package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Typed reads of the resolved job config. A read that fails records a problem and returns null
 * (or an empty list), so every problem of a file is found in one pass; the caller throws at the end.
 */
final class Reader {
    private final Config config;
    private final Problems problems;

    Reader(Config config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    Config config() {
        return config;
    }

    Problems problems() {
        return problems;
    }

    boolean isNull(String path) {
        return !config.hasPath(path);
    }

    /** A non-blank string that must be set. */
    String required(String path) {
        if (isNull(path)) {
            problems.missing(path, "required, not set");
            return null;
        }
        String value = string(path);
        if (value != null && value.isBlank()) {
            problems.bad(config, path, "must not be blank");
            return null;
        }
        return value;
    }

    /** A string, or null when the key is null. */
    String optionalString(String path) {
        return isNull(path) ? null : string(path);
    }

    String string(String path) {
        return read(path, "a string", () -> {
            requireScalar(path);
            return config.getString(path);
        });
    }

    Boolean bool(String path) {
        return read(path, "a boolean (true or false)", () -> config.getBoolean(path));
    }

    Integer intIn(String path, long min, long max) {
        Long value = longIn(path, Math.max(min, Integer.MIN_VALUE), Math.min(max, Integer.MAX_VALUE));
        return value == null ? null : value.intValue();
    }

    Long longIn(String path, long min, long max) {
        Number number = read(path, "an integer", () -> config.getNumber(path));
        if (number instanceof Double || number instanceof BigInteger) {
            problems.bad(config, path, "must be an integer" + (number instanceof Double ? ""
                    : " that fits in 64 bits"));
            return null;
        }
        return inRange(path, number == null ? null : number.longValue(), min, max);
    }

    /** A size in bytes (e.g. 512KiB, 20MiB or a plain number) between min and max. */
    Long bytesIn(String path, long min, long max) {
        Long value = read(path, "a size such as 512KiB or 20MiB", () -> config.getBytes(path));
        return inRange(path, value, min, max);
    }

    Double doubleIn(String path, double min, double max) {
        Double value = read(path, "a number", () -> config.getDouble(path));
        if (value != null && !(value >= min && value <= max)) {
            problems.bad(config, path, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    /** A duration (e.g. 500ms, 10s, 5m) of at least {@code min}. */
    Duration durationAtLeast(String path, Duration min, boolean inclusive) {
        Duration value = read(path, "a duration such as 500ms, 10s or 5m",
                () -> config.getDuration(path));
        int cmp = value == null ? 0 : value.compareTo(min);
        if (value != null && (cmp < 0 || (cmp == 0 && !inclusive))) {
            problems.bad(config, path, "must be " + (inclusive ? ">= " : "> ") + human(min));
            return null;
        }
        return value;
    }

    /** An enum written in lower kebab case (json-array for JSON_ARRAY), case-insensitive. */
    <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String text = string(path);
        if (text == null) {
            return null;
        }
        String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        problems.bad(config, path, "must be one of " + kebabNames(type));
        return null;
    }

    List<String> stringList(String path) {
        List<String> value = read(path, "a list of strings", () -> config.getStringList(path));
        return value == null ? List.of() : value;
    }

    /** An object rendered as compact JSON, or null when the key is null. */
    String optionalJsonObject(String path) {
        if (isNull(path)) {
            return null;
        }
        return read(path, "an object", () -> config.getObject(path)
                .render(ConfigRenderOptions.concise()));
    }

    ConfigValue value(String path) {
        return config.getValue(path);
    }

    /** A duration as a job file would write it: 500ms, 10s, 5m. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    static <E extends Enum<E>> String kebabNames(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ")
                    .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names.toString();
    }

    private void requireScalar(String path) {
        ConfigValueType type = config.getValue(path).valueType();
        if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST) {
            throw new ConfigException.WrongType(config.getValue(path).origin(), path,
                    "STRING", type.name());
        }
    }

    /** The nearest enclosing path that holds something other than an object, if any. */
    private String nonObjectAncestor(String path) {
        List<String> keys = ConfigUtil.splitPath(path);
        for (int i = 1; i < keys.size(); i++) {
            String parent = ConfigUtil.joinPath(keys.subList(0, i));
            ConfigValue value = Problems.valueAt(config, parent);
            if (value != null && value.valueType() != ConfigValueType.OBJECT) {
                return parent;
            }
        }
        return null;
    }

    private <T extends Number> T inRange(String path, T value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            String rule = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? "must be >= " + min : "must be between " + min + " and " + max;
            problems.bad(config, path, rule);
            return null;
        }
        return value;
    }

    private <T> T read(String path, String expected, Supplier<T> getter) {
        String notAnObject = nonObjectAncestor(path);
        if (notAnObject != null) {
            problems.bad(config, notAnObject, "must be an object, not a single value or list");
            return null;
        }
        if (isNull(path)) {
            problems.missing(path, "must be " + expected + ", not null");
            return null;
        }
        try {
            return getter.get();
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            problems.bad(config, path, "must be " + expected);
            return null;
        }
    }
}
