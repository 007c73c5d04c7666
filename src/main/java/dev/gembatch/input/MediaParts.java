package dev.gembatch.input;

import dev.gembatch.config.MediaPart;
import dev.gembatch.config.PromptSettings;
import dev.gembatch.model.MediaData;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The media parts of a job ({@code prompt.parts}), read from each row on the executor: binary
 * cells, files named by path cells (relative paths resolved against the directory that holds
 * {@code input.path}, made absolute on the driver) and URI cells. A row whose parts cannot be
 * sent (null cell of a required part, missing or unreadable file, unknown MIME type, inline
 * bytes over {@code prompt.max-inline-bytes}) gets the reason instead.
 */
public final class MediaParts implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No media parts: every row sends its text only. */
    public static final MediaParts NONE = new MediaParts(List.of(), 0, null, null);

    private final List<MediaPart> parts;
    private final long maxInlineBytes;
    /** Absolute URI of the directory relative file paths start from; null without file parts. */
    private final String base;
    private final SerializableConfiguration hadoop;

    private MediaParts(List<MediaPart> parts, long maxInlineBytes, String base,
                       SerializableConfiguration hadoop) {
        this.parts = parts;
        this.maxInlineBytes = maxInlineBytes;
        this.base = base;
        this.hadoop = hadoop;
    }

    /** The parts of {@code prompt}; on the driver ({@code hadoop}: the session's configuration). */
    public static MediaParts of(PromptSettings prompt, String inputPath, Configuration hadoop)
            throws IOException {
        boolean files = prompt.parts().stream().anyMatch(p -> p.source() == MediaPart.Source.FILE);
        if (!files) {
            return new MediaParts(prompt.parts(), prompt.maxInlineBytes(), null, null);
        }
        Path input = new Path(inputPath);
        Path dir = input.getFileSystem(hadoop).makeQualified(input).getParent();
        return new MediaParts(prompt.parts(), prompt.maxInlineBytes(),
                (dir == null ? input : dir).toUri().toString(), new SerializableConfiguration(hadoop));
    }

    /** True when the job sends text only. */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The directory relative file paths are resolved against (absolute), or null. */
    String base() {
        return base;
    }

    /** The media of this row in part order, or why the row cannot be sent. */
    public Read read(Row row, List<String> columns) {
        List<MediaData> media = new ArrayList<>();
        Room room = new Room(maxInlineBytes);
        for (int i = 0; i < parts.size(); i++) {
            MediaPart part = parts.get(i);
            Object cell = row.get(columns.indexOf(part.column()));
            if (missing(cell)) {
                if (part.optional()) {
                    continue;
                }
                return new Read(null, "column '" + part.column() + "' is null or empty (prompt.parts["
                        + i + "] is not optional)");
            }
            Part read = part(part, cell, row, columns, room);
            if (read.reason() != null) {
                return new Read(null, read.reason());
            }
            media.add(read.data());
        }
        return new Read(media, null);
    }

    private Part part(MediaPart part, Object cell, Row row, List<String> columns, Room room) {
        String mime = part.mimeType();
        if (part.mimeTypeColumn() != null) {
            Object value = row.get(columns.indexOf(part.mimeTypeColumn()));
            mime = MediaPart.mimeTypeOrNull(value == null ? null : value.toString());
            if (mime == null) {
                return Part.invalid("column '" + part.mimeTypeColumn() + "' holds "
                        + (value == null ? "null" : "'" + value + "'")
                        + ", not a MIME type such as image/png (column " + part.column() + ")");
            }
        }
        return switch (part.source()) {
            case INLINE -> inline(mime, (byte[]) cell, part.column(), room);
            case URI -> Part.of(MediaData.file(mime, cell.toString().strip()));
            case FILE -> file(mime, cell.toString(), part.column(), room);
        };
    }

    private static Part inline(String mime, byte[] bytes, String column, Room room) {
        String tooLarge = room.take("column '" + column + "'", bytes.length);
        return tooLarge != null ? Part.invalid(tooLarge) : Part.of(MediaData.inline(mime, bytes));
    }

    private Part file(String mime, String cell, String column, Room room) {
        String type = mime != null ? mime : MimeTypes.byExtension(cell.strip());
        if (type == null) {
            return Part.invalid("unknown MIME type of '" + cell + "' (column " + column + "): its"
                    + " extension is not in the table of docs/INPUT.md; set mime-type or"
                    + " mime-type-column");
        }
        return MediaFile.read(hadoop.value(), cell, base, new MediaFile.Target(column, type), room);
    }

    /** Null, blank text and zero bytes all mean "no data". */
    private static boolean missing(Object cell) {
        return cell == null || (cell instanceof String s && s.isBlank())
                || (cell instanceof byte[] b && b.length == 0);
    }

    /** A row's media in part order, or (parts null) why it cannot be sent. */
    public record Read(List<MediaData> parts, String invalidReason) {
    }

    /** One part's data, or why it cannot be sent. */
    record Part(MediaData data, String reason) {
        static Part of(MediaData data) {
            return new Part(data, null);
        }

        static Part invalid(String reason) {
            return new Part(null, reason);
        }
    }

    /** The inline bytes a row's request may still carry. */
    static final class Room {
        private final long max;
        private long used;

        Room(long max) {
            this.max = max;
        }

        /** Takes {@code size} bytes; or, when they do not fit, returns why (nothing taken). */
        String take(String what, long size) {
            if (used + size > max) {
                return "inline data too large: " + what + " holds " + size + " bytes; the"
                        + " request's inline data would total " + (used + size) + " bytes, over"
                        + " prompt.max-inline-bytes (" + max + " bytes)";
            }
            used += size;
            return null;
        }
    }
}
