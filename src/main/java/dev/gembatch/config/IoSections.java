package dev.gembatch.config;

import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and checks the input, prompt, journal and spark sections. */
final class IoSections {
    private IoSections() {
    }

    /** The input section; its path is not read for a Dataset ({@code dataset}). */
    static InputSettings input(Reader r, boolean dataset) {
        String idColumn = r.optionalString("input.id-column");
        if (idColumn != null && idColumn.isBlank()) {
            r.problems().bad(r.config(), "input.id-column", "must not be blank (or null to unset)");
        }
        return new InputSettings(dataset ? null : r.required("input.path"),
                r.enumValue("input.format", InputFormat.class), csv(r), idColumn);
    }

    private static CsvSettings csv(Reader r) {
        String delimiter = r.string("input.csv.delimiter");
        if (delimiter != null && delimiter.isEmpty()) {
            r.problems().bad(r.config(), "input.csv.delimiter", "must not be empty");
        }
        return new CsvSettings(flag(r.bool("input.csv.header")), delimiter,
                oneChar(r, "input.csv.quote"), oneChar(r, "input.csv.escape"),
                flag(r.bool("input.csv.multiline")), charset(r, "input.csv.encoding"));
    }

    private static String oneChar(Reader r, String path) {
        String value = r.string(path);
        if (value != null && value.codePointCount(0, value.length()) != 1) {
            r.problems().bad(r.config(), path, "must be exactly one character");
        }
        return value;
    }

    private static String charset(Reader r, String path) {
        String value = r.string(path);
        try {
            if (value != null && !Charset.isSupported(value)) {
                r.problems().bad(r.config(), path, "must be a character set this JVM supports");
            }
        } catch (IllegalCharsetNameException e) {
            r.problems().bad(r.config(), path, "must be a character set name such as UTF-8");
        }
        return value;
    }

    static PromptSettings prompt(Reader r) {
        String template = templateText(r, "prompt.template");
        String column = r.optionalString("prompt.column");
        boolean hasTemplate = !r.isNull("prompt.template");
        if (hasTemplate == !r.isNull("prompt.column")) {
            r.problems().missing("prompt", "set exactly one of prompt.template and prompt.column; "
                    + (hasTemplate ? "both are set" : "neither is set"));
        }
        if (column != null && column.isBlank()) {
            r.problems().bad(r.config(), "prompt.column", "must not be blank");
        }
        return new PromptSettings(template, column, templateText(r, "prompt.system-instruction"),
                MediaSection.parts(r), MediaSection.maxInlineBytes(r));
    }

    private static String templateText(Reader r, String path) {
        String text = r.optionalString(path);
        if (text == null) {
            return null;
        }
        try {
            TemplateSyntax.split(text);
        } catch (IllegalArgumentException e) {
            r.problems().bad(r.config(), path, "template syntax error: " + e.getMessage());
        }
        return text;
    }

    static JournalSettings journal(Reader r) {
        Integer rows = r.intIn("journal.flush-rows", 1, 1_000_000);
        Duration interval = r.durationAtLeast("journal.flush-interval", Duration.ofMillis(10),
                true);
        boolean dedupe = flag(r.bool("pipeline.dedupe"));
        OutputMode mode = r.enumValue("output.mode", OutputMode.class);
        if (!dedupe && (mode == OutputMode.RESUME || mode == OutputMode.RETRY_FAILED)) {
            r.problems().bad(r.config(), "pipeline.dedupe", "must be true with output.mode = "
                    + (mode == OutputMode.RESUME ? "resume" : "retry-failed")
                    + " (answers are journaled and reused by request_id)");
        }
        return new JournalSettings(rows == null ? 1 : rows, interval, dedupe);
    }

    static SparkSettings spark(Reader r) {
        Integer partitions = r.intIn("spark.partitions", 0, Integer.MAX_VALUE);
        return new SparkSettings(r.required("spark.master"), partitions == null ? 0 : partitions,
                sparkConf(r));
    }

    private static Map<String, String> sparkConf(Reader r) {
        Map<String, String> conf = new TreeMap<>();
        if (r.isNull("spark.conf") || r.value("spark.conf").valueType() != ConfigValueType.OBJECT) {
            if (!r.isNull("spark.conf")) {
                r.problems().bad(r.config(), "spark.conf", "must be an object of Spark properties");
            }
            return conf;
        }
        for (Map.Entry<String, ConfigValue> entry : r.config().getConfig("spark.conf").entrySet()) {
            String key = "spark.conf." + entry.getKey();
            ConfigValueType type = entry.getValue().valueType();
            if (type == ConfigValueType.LIST) {
                r.problems().bad(r.config(), key, "must be a string, number or boolean");
            } else {
                conf.put(String.join(".", ConfigUtil.splitPath(entry.getKey())),
                        String.valueOf(entry.getValue().unwrapped()));
            }
        }
        return conf;
    }

    static boolean flag(Boolean value) {
        return value != null && value;
    }

    static List<String> nonBlank(Reader r, String path, List<String> values) {
        if (values.stream().anyMatch(String::isBlank)) {
            r.problems().bad(r.config(), path, "must not contain blank strings");
        }
        return values;
    }
}
