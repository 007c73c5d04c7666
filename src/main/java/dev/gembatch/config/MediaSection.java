package dev.gembatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code prompt.parts} (media parts) and {@code prompt.max-inline-bytes}. */
final class MediaSection {
    private static final String PATH = "prompt.parts";
    private static final long MAX_INLINE_LIMIT = 512L << 20;
    private static final Set<String> KEYS = Set.of("inline-column", "file-column", "uri-column",
            "mime-type", "mime-type-column", "optional");

    private MediaSection() {
    }

    static long maxInlineBytes(Reader r) {
        Long value = r.bytesIn("prompt.max-inline-bytes", 1, MAX_INLINE_LIMIT);
        return value == null ? MAX_INLINE_LIMIT : value;
    }

    static List<MediaPart> parts(Reader r) {
        List<? extends ConfigObject> items;
        try {
            items = r.isNull(PATH) ? List.of() : r.config().getObjectList(PATH);
        } catch (ConfigException.WrongType e) {
            r.problems().bad(r.config(), PATH, "must be a list of part objects such as"
                    + " {inline-column = photo, mime-type = \"image/jpeg\"}");
            return List.of();
        }
        List<MediaPart> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MediaPart part = part(r, PATH + "[" + i + "]", items.get(i));
            if (part != null) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static MediaPart part(Reader r, String path, ConfigObject item) {
        unknownKeys(r, path, item);
        Config c = item.toConfig();
        List<MediaPart.Source> sources = new ArrayList<>();
        for (MediaPart.Source s : MediaPart.Source.values()) {
            if (c.hasPath(s.key())) {
                sources.add(s);
            }
        }
        if (sources.size() != 1) {
            r.problems().add(path, Problems.origin(item), "set exactly one of inline-column,"
                    + " file-column and uri-column; " + (sources.isEmpty() ? "none is set"
                    : sources.size() + " are set"));
            return null;
        }
        MediaPart.Source source = sources.get(0);
        String column = name(r, path, item, source.key());
        String mime = mimeType(r, path, item);
        String mimeColumn = c.hasPath("mime-type-column")
                ? name(r, path, item, "mime-type-column") : null;
        mimeChoice(r, path, item, source, c);
        return new MediaPart(source, column, mime, mimeColumn, optional(r, path, item));
    }

    private static void mimeChoice(Reader r, String path, ConfigObject item,
                                   MediaPart.Source source, Config c) {
        boolean given = c.hasPath("mime-type");
        boolean fromColumn = c.hasPath("mime-type-column");
        if (given && fromColumn) {
            r.problems().add(path, Problems.origin(item),
                    "set at most one of mime-type and mime-type-column; both are set");
        } else if (!given && !fromColumn && source != MediaPart.Source.FILE) {
            r.problems().add(path, Problems.origin(item), "set mime-type or mime-type-column"
                    + " (only a file-column part may leave both unset: its type then comes from"
                    + " the file extension)");
        }
    }

    private static void unknownKeys(Reader r, String path, ConfigObject item) {
        for (String key : item.keySet()) {
            if (!KEYS.contains(key)) {
                r.problems().add(path + "." + key, Problems.origin(item.get(key)),
                        "unknown key; a part has inline-column, file-column or uri-column,"
                                + " mime-type or mime-type-column, and optional");
            }
        }
    }

    private static String name(Reader r, String path, ConfigObject item, String key) {
        ConfigValue value = item.get(key);
        if (value.valueType() != ConfigValueType.STRING
                || value.unwrapped().toString().isBlank()) {
            r.problems().add(path + "." + key, Problems.origin(value),
                    "must be a column name (a non-blank string); got " + value.render());
            return null;
        }
        return value.unwrapped().toString();
    }

    private static String mimeType(Reader r, String path, ConfigObject item) {
        ConfigValue value = present(item, "mime-type");
        if (value == null) {
            return null;
        }
        String text = MediaPart.mimeTypeOrNull(String.valueOf(value.unwrapped()));
        if (value.valueType() != ConfigValueType.STRING || text == null) {
            r.problems().add(path + ".mime-type", Problems.origin(value),
                    "must be a MIME type such as image/jpeg or application/pdf; got "
                            + value.render());
            return null;
        }
        return text;
    }

    private static boolean optional(Reader r, String path, ConfigObject item) {
        ConfigValue value = present(item, "optional");
        if (value == null) {
            return false;
        }
        if (value.valueType() != ConfigValueType.BOOLEAN) {
            r.problems().add(path + ".optional", Problems.origin(value),
                    "must be a boolean (true or false); got " + value.render());
            return false;
        }
        return (Boolean) value.unwrapped();
    }

    /** The item's value for key, or null when it is missing or null. */
    private static ConfigValue present(ConfigObject item, String key) {
        ConfigValue value = item.get(key);
        return value == null || value.valueType() == ConfigValueType.NULL ? null : value;
    }
}
