package dev.gembatch.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's {@code key=value} arguments over its defaults; an unknown key is refused. */
final class BenchOptions {
    private BenchOptions() {
    }

    /** {@code defaults} (in their order) with {@code args} applied. */
    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> o = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !o.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown option " + arg + "; known: " + o.keySet());
            }
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return o;
    }
}
