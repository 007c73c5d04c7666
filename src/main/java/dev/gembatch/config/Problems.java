package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import dev.gembatch.model.ApiKey;
import java.util.ArrayList;
import java.util.List;

/** Collects problems as "path (origin): rule; got value" sentences while settings are read. */
final class Problems {
    private static final int MAX_VALUE_CHARS = 120;
    private final List<String> found;
    private final String jobOrigin;
    private final String pathPrefix;

    Problems(String jobOrigin) {
        this(new ArrayList<>(), jobOrigin, "");
    }

    private Problems(List<String> found, String jobOrigin, String pathPrefix) {
        this.found = found;
        this.jobOrigin = jobOrigin;
        this.pathPrefix = pathPrefix;
    }

    /**
     * The same collection of problems, for settings read from a config relocated from under
     * {@code prefix} (e.g. "answers.summary."): every reported path gets the prefix.
     */
    Problems under(String prefix) {
        return new Problems(found, jobOrigin, pathPrefix + prefix);
    }

    /** A problem with the value at {@code path} of {@code config}; the value is echoed. */
    void bad(Config config, String path, String rule) {
        ConfigValue value = valueAt(config, path);
        String got = value == null ? "nothing" : render(value);
        add(path, origin(value), rule + "; got " + got);
    }

    /** A problem with the value at {@code path} whose value must not be echoed. */
    void badSecret(Config config, String path, String rule) {
        add(path, origin(valueAt(config, path)), rule);
    }

    /** A required key that has no value: its origin is the job file. */
    void missing(String path, String rule) {
        add(path, jobOrigin, rule);
    }

    /** A problem located by an explicit origin (unknown keys, parse errors). */
    void add(String path, String origin, String text) {
        general(pathPrefix + path + " (" + origin + "): " + text);
    }

    /** A problem that is not tied to a key (unreadable file, unresolvable substitution). */
    void general(String text) {
        if (!found.contains(text)) {
            found.add(text);
        }
    }

    /** Throws when anything was found, with the key scrubbed from every line. */
    void throwIfAny(ApiKey key) throws InvalidConfigException {
        throwIfAny(key, null);
    }

    /** Throws when anything was found, carrying the settings read despite the problems. */
    void throwIfAny(ApiKey key, JobSettings readSoFar) throws InvalidConfigException {
        if (!found.isEmpty()) {
            throw new InvalidConfigException(found.stream().map(key::redact).toList(), readSoFar);
        }
    }

    static String origin(ConfigValue value) {
        return value == null ? "unknown origin" : describe(value.origin());
    }

    static String describe(ConfigOrigin origin) {
        String where = origin.resource() != null ? origin.resource() : origin.filename();
        if (where == null) { // a settings text, or a --set value (its one line is not worth naming)
            String line = ": " + origin.lineNumber();
            String d = origin.description();
            return d.startsWith("--set ") && d.endsWith(line)
                    ? d.substring(0, d.length() - line.length()) : d;
        }
        return origin.lineNumber() > 0 ? where + ":" + origin.lineNumber() : where;
    }

    /** The value at a path, null values included (which Config.getValue refuses). */
    static ConfigValue valueAt(Config config, String path) {
        ConfigValue current = config.root();
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(current instanceof ConfigObject object) || !object.containsKey(key)) {
                return null;
            }
            current = object.get(key);
        }
        return current;
    }

    /** The value as concise HOCON, cut at 120 characters. */
    static String render(ConfigValue value) {
        String text = value.render(ConfigRenderOptions.concise());
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
