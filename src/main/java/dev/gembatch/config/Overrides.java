package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;

/**
 * The {@code --set key=value} layer. A value starting with {@code [}, <code>{</code> or a quote
 * is parsed as HOCON (lists, objects, quoted strings); {@code null} is null; anything else is
 * taken verbatim as a string, so {@code local[4]} and {@code http://host} survive unparsed and
 * numbers, booleans and durations convert when read.
 */
final class Overrides {
    private Overrides() {
    }

    /** One layer holding every override; later overrides of a key win. */
    static Config parse(List<String> overrides, Problems problems) {
        Config layer = ConfigFactory.empty();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                problems.general("--set " + keyOnly(override)
                        + ": expected key=value (e.g. --set gemini.concurrency=8)");
                continue;
            }
            String key = override.substring(0, equals).strip();
            layer = with(layer, key, override.substring(equals + 1).strip(), problems);
        }
        return layer;
    }

    private static Config with(Config layer, String key, String text, Problems problems) {
        String origin = "--set " + key;
        try {
            return ConfigFactory.empty(origin).withValue(key, value(text, origin))
                    .withFallback(layer);
        } catch (ConfigException.BadPath e) {
            problems.add(key, origin, "not a valid key path");
        } catch (ConfigException e) {
            problems.add(key, origin, "value is not valid HOCON (quote it as a string?)");
        }
        return layer;
    }

    private static ConfigValue value(String text, String origin) {
        if (text.equals("null")) {
            return ConfigValueFactory.fromAnyRef(null, origin);
        }
        if (text.startsWith("[") || text.startsWith("{") || text.startsWith("\"")) {
            ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription(origin);
            return ConfigFactory.parseString("v = " + text, options).resolve().getValue("v");
        }
        return ConfigValueFactory.fromAnyRef(text, origin);
    }

    /** The part before '=' (or the whole text), never the value: it may be the API key. */
    private static String keyOnly(String override) {
        int equals = override.indexOf('=');
        return equals < 0 ? override : override.substring(0, equals);
    }
}
