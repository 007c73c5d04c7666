package dev.gembatch.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks the budget, pricing and dry-run sections. */
final class PlanningSections {
    private static final List<String> PRICE_KEYS = List.of("input-per-million",
            "output-per-million", "thoughts-per-million", "cached-input-per-million",
            "storage-per-million-hour");
    private static final String DEFAULT = "default";
    private static final String TIERS = "tiers";

    private PlanningSections() {
    }

    static BudgetSettings budget(Reader r) {
        Long requests = r.longIn("budget.max-requests", 0, Long.MAX_VALUE);
        Long tokens = r.longIn("budget.max-total-tokens", 0, Long.MAX_VALUE);
        Double cost = r.doubleIn("budget.max-cost", 0, Double.MAX_VALUE);
        return new BudgetSettings(requests == null ? 0 : requests, tokens == null ? 0 : tokens,
                cost == null ? 0 : cost);
    }

    static DryRunSettings dryRun(Reader r) {
        Integer sample = r.intIn("dry-run.sample-rows", 1, 10_000);
        Integer show = r.intIn("dry-run.show-requests", 0, 100);
        Integer output = r.intIn("dry-run.output-tokens-per-request", 0, Integer.MAX_VALUE);
        Duration runTime = r.durationAtLeast("dry-run.expected-run-time", Duration.ZERO, false);
        return new DryRunSettings(sample == null ? 1 : sample, show == null ? 0 : show,
                output == null ? 0 : output, runTime == null ? Duration.ZERO : runTime);
    }

    static Pricing pricing(Reader r) {
        Map<String, Price> models = new LinkedHashMap<>();
        if (r.isNull("pricing") || r.value("pricing").valueType() != ConfigValueType.OBJECT) {
            r.problems().bad(r.config(), "pricing", "must be an object of model name → price");
            return new Pricing(models, Price.FREE);
        }
        Double flex = r.doubleIn("pricing.tiers.flex", 0, Double.MAX_VALUE);
        Double priority = r.doubleIn("pricing.tiers.priority", 0, Double.MAX_VALUE);
        for (Map.Entry<String, ConfigValue> e : r.config().getObject("pricing").entrySet()) {
            if (e.getKey().equals(TIERS)) {
                continue;
            }
            Price price = price(r, ConfigUtil.joinPath("pricing", e.getKey()), e.getValue());
            if (price != null && flex != null && priority != null) {
                price = price.withTierFactors(flex, priority);
            }
            if (price != null && !e.getKey().equals(DEFAULT)) {
                models.put(e.getKey(), price);
            }
        }
        Price fallback = r.isNull("pricing.default") ? null
                : price(r, "pricing.default", r.value("pricing.default"));
        if (r.isNull("pricing.default")) {
            r.problems().missing("pricing.default", "required: the price of unlisted models");
        }
        Price tiered = fallback == null || flex == null || priority == null ? null
                : fallback.withTierFactors(flex, priority);
        return new Pricing(models, tiered == null ? Price.FREE : tiered);
    }

    private static Price price(Reader r, String path, ConfigValue value) {
        if (!(value instanceof ConfigObject object)) {
            r.problems().bad(r.config(), path, "must be an object {" + String.join(", ",
                    PRICE_KEYS) + "} in USD per million tokens");
            return null;
        }
        for (String key : object.keySet()) {
            if (!PRICE_KEYS.contains(key)) {
                r.problems().add(path + "." + key, Problems.origin(object.get(key)),
                        "unknown key; a price has " + String.join(", ", PRICE_KEYS));
            }
        }
        Double[] perMillion = new Double[PRICE_KEYS.size()];
        for (int i = 0; i < perMillion.length; i++) {
            perMillion[i] = r.doubleIn(path + "." + PRICE_KEYS.get(i), 0, Double.MAX_VALUE);
        }
        for (Double d : perMillion) {
            if (d == null) {
                return null;
            }
        }
        return new Price(perMillion[0], perMillion[1], perMillion[2], perMillion[3],
                perMillion[4], 1, 1);
    }
}
