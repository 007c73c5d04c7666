package dev.gembatch.input;

import java.util.Locale;
import java.util.Map;

/**
 * The MIME type of a media file by its extension (case-insensitive), for file parts that set
 * neither mime-type nor mime-type-column: the types Gemini documents for images, documents,
 * audio and video. The table is docs/INPUT.md's.
 */
final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("webp", "image/webp"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/md"), Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("xml", "text/xml"), Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mp3"), Map.entry("aiff", "audio/aiff"),
            Map.entry("aac", "audio/aac"), Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"), Map.entry("mp4", "video/mp4"),
            Map.entry("mpeg", "video/mpeg"), Map.entry("mpg", "video/mpg"),
            Map.entry("mov", "video/mov"), Map.entry("avi", "video/avi"),
            Map.entry("flv", "video/x-flv"), Map.entry("webm", "video/webm"),
            Map.entry("wmv", "video/wmv"), Map.entry("3gp", "video/3gpp"));

    private MimeTypes() {
    }

    /** The type for the extension of this path's file name, or null when the table has none. */
    static String byExtension(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return null;
        }
        return BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
