package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code answers} section of a spreadsheet job: several named answer columns, each
 * with its own prompt and model (the job's {@code model} and {@code prompt} keys other than
 * template and column are their defaults), in dependency order.
 */
final class AnswersSection {
    private static final String PATH = "answers";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> ENTRY_KEYS = Set.of("prompt", "model");

    private AnswersSection() {
    }

    /** True when the job defines answer columns (then the top-level prompt has no template). */
    static boolean present(Reader r) {
        return !r.isNull(PATH) && r.value(PATH) instanceof ConfigObject object
                && !object.isEmpty();
    }

    /** The answer columns in the order they run; reports every problem found. */
    static List<AnswerColumn> read(Reader r, KnownKeys known, String outputPrefix) {
        if (!(r.value(PATH) instanceof ConfigObject answers)) {
            r.problems().bad(r.config(), PATH, "must be an object of answer name → {prompt, model}");
            return List.of();
        }
        for (String key : List.of("prompt.template", "prompt.column")) {
            if (!r.isNull(key)) {
                r.problems().bad(r.config(), key, "must not be set when the job defines answers:"
                        + " each answer has its own prompt (answers.NAME.prompt.template)");
            }
        }
        Map<String, AnswerColumn> columns = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : answers.entrySet()) {
            AnswerColumn column = entry(r, known, outputPrefix, e.getKey(), e.getValue(),
                    answers.keySet());
            if (column != null) {
                columns.put(column.name(), column);
            }
        }
        return AnswerOrder.of(columns, r.problems());
    }

    private static AnswerColumn entry(Reader r, KnownKeys known, String outputPrefix, String name,
                                      ConfigValue value, Set<String> names) {
        String path = ConfigUtil.joinPath(PATH, name);
        if (!NAME.matcher(name).matches()) {
            r.problems().add(path, Problems.origin(value), "an answer name must be letters,"
                    + " digits and _ (not starting with a digit): it prefixes column names");
            return null;
        }
        if (!(value instanceof ConfigObject object)) {
            r.problems().bad(r.config(), path, "must be an object {prompt {...}, model {...}}");
            return null;
        }
        Problems problems = r.problems().under(path + ".");
        for (String key : object.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                problems.add(key, Problems.origin(object.get(key)),
                        "unknown key; an answer has only prompt and model");
            }
        }
        Config own = object.toConfig().withOnlyPath("prompt").withFallback(
                object.toConfig().withOnlyPath("model"));
        known.check(own, problems);
        Config merged = own.withFallback(r.config().withOnlyPath("prompt")
                .withoutPath("prompt.template").withoutPath("prompt.column"))
                .withFallback(r.config().withOnlyPath("model"))
                .withFallback(r.config().withOnlyPath(VertexSection.ENDPOINT));
        Reader sub = new Reader(merged, problems);
        PromptSettings prompt = IoSections.prompt(sub);
        ModelSettings model = ModelSection.model(sub);
        return new AnswerColumn(name, outputPrefix + name + "_", prompt, model,
                reads(prompt, name, names, problems, object));
    }

    /** The other answers the prompt's placeholders name; naming itself is a problem. */
    private static List<String> reads(PromptSettings prompt, String name, Set<String> names,
                                      Problems problems, ConfigObject entry) {
        List<String> reads = new ArrayList<>();
        for (String placeholder : placeholders(prompt)) {
            if (placeholder.equals(name)) {
                problems.add("prompt", Problems.origin(entry), "{{" + name
                        + "}} reads this answer itself; an answer can only read earlier ones");
            } else if (names.contains(placeholder) && !reads.contains(placeholder)) {
                reads.add(placeholder);
            }
        }
        return reads;
    }

    /** Placeholder names of the template and the system instruction (valid syntax only). */
    static List<String> placeholders(PromptSettings prompt) {
        List<String> names = new ArrayList<>();
        for (String text : new String[] {prompt.template(), prompt.systemInstruction()}) {
            if (text == null) {
                continue;
            }
            try {
                List<String> pieces = TemplateSyntax.split(text);
                for (int i = 1; i < pieces.size(); i += 2) {
                    names.add(pieces.get(i));
                }
            } catch (IllegalArgumentException alreadyReported) {
                // IoSections.prompt reported the syntax problem with its key and position
            }
        }
        return names;
    }
}
