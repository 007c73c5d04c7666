package dev.gembatch.config;

import java.util.Locale;

/**
 * The Gemini API's service tier ({@code model.service-tier}): STANDARD (the default, full price),
 * FLEX (half price, minutes of latency, requests may be shed with 429/503) or PRIORITY (about
 * twice the price, lower latency, silently served at standard over its limit). Sent as the
 * request body's top-level {@code serviceTier}.
 */
public enum ServiceTier {
    STANDARD, FLEX, PRIORITY;

    /** Every tier, once: read for every answer, where {@code values()} would copy it each time. */
    private static final ServiceTier[] ALL = values();

    /** The name on the wire, made once: it is read for every answer. */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The tier a wire name (any case) names, or null when it names none of these. */
    public static ServiceTier ofWire(String name) {
        String asked = name == null ? "" : name.strip();
        for (ServiceTier t : ALL) {
            if (t.wire.equalsIgnoreCase(asked)) {
                return t;
            }
        }
        return null;
    }

    /** The value on the wire and in the output columns: standard, flex, priority. */
    public String wireName() {
        return wire;
    }
}
