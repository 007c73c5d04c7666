package dev.gembatch.model;

/**
 * The data of one media part of a request: inline bytes (sent base64 as inlineData) or a URI
 * (sent as fileData), with its MIME type. The bytes are not copied: do not change them.
 */
public final class MediaData {
    private final String mimeType;
    private final byte[] inline;
    private final String fileUri;

    private MediaData(String mimeType, byte[] inline, String fileUri) {
        this.mimeType = mimeType;
        this.inline = inline;
        this.fileUri = fileUri;
    }

    /** Inline bytes, sent as {@code {"inlineData": {"mimeType", "data"}}}. */
    public static MediaData inline(String mimeType, byte[] bytes) {
        return new MediaData(mimeType, bytes, null);
    }

    /** A URI the model reads, sent as {@code {"fileData": {"mimeType", "fileUri"}}}. */
    public static MediaData file(String mimeType, String uri) {
        return new MediaData(mimeType, null, uri);
    }

    /** Inline bytes carried (0 for a URI). */
    public long inlineBytes() {
        return inline == null ? 0 : inline.length;
    }

    /** The MIME type the part is sent with. */
    public String mimeType() {
        return mimeType;
    }

    /** The inline bytes (not a copy: do not change them), or null for a URI. */
    public byte[] inlineData() {
        return inline;
    }

    /** The URI the model reads, or null for inline bytes. */
    public String fileUri() {
        return fileUri;
    }
}
