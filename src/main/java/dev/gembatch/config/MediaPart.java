package dev.gembatch.config;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One media part of the prompt ({@code prompt.parts[i]}): where its data comes from (a binary
 * column, a file named by a path column, or a fileData URI column) and its MIME type (given, read
 * from a column, or, for files only, inferred from the extension when both are null). With
 * {@code optional}, a null cell leaves the part out instead of making the row INVALID_INPUT.
 */
public record MediaPart(Source source, String column, String mimeType, String mimeTypeColumn,
                        boolean optional) implements Serializable {
    /** type/subtype, as in image/png or application/vnd.ms-excel (lower case). */
    private static final Pattern MIME_TYPE = Pattern.compile("[a-z]+/[a-z0-9][a-z0-9.+_-]*");

    /** The MIME type in lower case without surrounding blanks, or null when it is not one. */
    public static String mimeTypeOrNull(String text) {
        String normal = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return MIME_TYPE.matcher(normal).matches() ? normal : null;
    }

    /** Where a part's data comes from. */
    public enum Source {
        /** Bytes of a BinaryType column, sent as inlineData. */
        INLINE,
        /** A path column; the file's bytes are sent as inlineData. */
        FILE,
        /** A URI column, sent as fileData (the model reads the URI). */
        URI;

        /** The job key that names the column, e.g. inline-column. */
        public String key() {
            return name().toLowerCase(Locale.ROOT) + "-column";
        }
    }
}
