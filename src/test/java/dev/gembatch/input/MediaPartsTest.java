package dev.gembatch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gembatch.config.MediaPart;
import dev.gembatch.config.MediaPart.Source;
import dev.gembatch.config.PromptSettings;
import dev.gembatch.config.ReferenceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a row's media parts: path resolution, MIME types, the inline size limit, null cells. */
class MediaPartsTest {
    private static final List<String> COLUMNS = List.of("photo", "path", "mime", "uri");

    @TempDir
    Path tmp;
    private Path data;

    @BeforeEach
    void files() throws Exception {
        data = Files.createDirectories(tmp.resolve("data/img"));
        Files.write(data.resolve("a.PNG"), new byte[40]);
        Files.write(data.resolve("scan.xyz"), new byte[10]);
    }

    @Test
    void relativePathsResolveAgainstTheDirectoryHoldingTheInput() throws Exception {
        MediaParts parts = parts(1000, part(Source.FILE, "path", null, null, false));
        assertEquals(tmp.resolve("data").toUri().toString().replace("file:///", "file:/")
                .replaceAll("/$", ""), parts.base());
        MediaParts.Read read = parts.read(row(null, "img/a.PNG", null, null), COLUMNS);
        assertNull(read.invalidReason());
        assertEquals(40, read.parts().get(0).inlineBytes());
        assertEquals(40, parts.read(row(null, data.resolve("a.PNG").toString(), null, null),
                COLUMNS).parts().get(0).inlineBytes());
        assertEquals(40, parts.read(row(null, data.resolve("a.PNG").toUri().toString(), null,
                null), COLUMNS).parts().get(0).inlineBytes());
    }

    @Test
    void aFileTypeComesFromItsExtensionOrTheRowIsInvalid() throws Exception {
        MediaParts parts = parts(1000, part(Source.FILE, "path", null, null, false));
        assertEquals("image/png", MimeTypes.byExtension("img/a.PNG"));
        assertNull(MimeTypes.byExtension("dir.v2/file"));
        assertEquals("unknown MIME type of 'img/scan.xyz' (column path): its extension is not in"
                + " the table of docs/INPUT.md; set mime-type or mime-type-column",
                parts.read(row(null, "img/scan.xyz", null, null), COLUMNS).invalidReason());
        MediaParts typed = parts(1000, part(Source.FILE, "path", null, "mime", false));
        assertNull(typed.read(row(null, "img/scan.xyz", "Text/Plain", null), COLUMNS)
                .invalidReason());
    }

    @Test
    void inlineBytesOfAllPartsCountTowardsTheLimit() throws Exception {
        MediaParts parts = parts(45, part(Source.INLINE, "photo", "image/png", null, false),
                part(Source.FILE, "path", "image/png", null, false));
        assertEquals(2, parts.read(row(new byte[5], "img/a.PNG", null, null), COLUMNS).parts()
                .size());
        String reason = parts.read(row(new byte[6], "img/a.PNG", null, null), COLUMNS)
                .invalidReason();
        assertTrue(reason.startsWith("inline data too large: file file:/"), reason);
        assertTrue(reason.endsWith("img/a.PNG (column path) holds 40 bytes; the request's inline"
                + " data would total 46 bytes, over prompt.max-inline-bytes (45 bytes)"), reason);
    }

    @Test
    void optionalPartsWithANullCellAreLeftOutAndRequiredOnesInvalidateTheRow() throws Exception {
        MediaParts parts = parts(100, part(Source.URI, "uri", "application/pdf", null, true),
                part(Source.INLINE, "photo", "image/png", null, false));
        MediaParts.Read read = parts.read(row(new byte[3], null, null, null), COLUMNS);
        assertEquals(1, read.parts().size());
        assertEquals(2, parts.read(row(new byte[3], null, null, "gs://b/x.pdf"), COLUMNS).parts()
                .size());
        assertEquals("column 'photo' is null or empty (prompt.parts[1] is not optional)",
                parts.read(row(new byte[0], null, null, "gs://b/x.pdf"), COLUMNS).invalidReason());
    }

    @Test
    void aMissingFileOrDirectoryIsNamedWithoutAStackTrace() throws Exception {
        MediaParts parts = parts(100, part(Source.FILE, "path", "image/png", null, false));
        String missing = parts.read(row(null, "img/nope.png", null, null), COLUMNS)
                .invalidReason();
        assertTrue(missing.matches("file file:/.*/data/img/nope.png \\(column path\\) does not"
                + " exist"), missing);
        String dir = parts.read(row(null, "img", null, null), COLUMNS).invalidReason();
        assertTrue(dir.endsWith("/data/img (column path) is a directory, not a file"), dir);
    }

    private MediaParts parts(long max, MediaPart... parts) throws Exception {
        PromptSettings prompt = ReferenceSettings.prompt().toBuilder().column("p")
                .parts(List.of(parts)).maxInlineBytes(max).build();
        return MediaParts.of(prompt, tmp.resolve("data/input.parquet").toString(), new Configuration());
    }

    private static MediaPart part(Source source, String column, String mime, String mimeColumn,
                                  boolean optional) {
        return new MediaPart(source, column, mime, mimeColumn, optional);
    }

    private static Row row(byte[] photo, String path, String mime, String uri) {
        return RowFactory.create(photo, path, mime, uri);
    }
}
