package dev.gembatch.config;

import dev.gembatch.model.ApiKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code gemini.api-key-file}: the key read from a file on the driver, for cluster deploy mode
 * where the driver's environment is not the submitter's ({@code spark-submit --files} puts the
 * file in the driver's working directory on YARN and Kubernetes; a Kubernetes Secret can be
 * mounted as one). A problem names the key and the file, never the file's content.
 */
final class KeyFile {
    static final String PATH = "gemini.api-key-file";
    /** A Gemini key is 39 characters; anything this long is not a key file. */
    private static final int MAX_BYTES = 4096;

    private KeyFile() {
    }

    /** The key in the configured file, or an empty key (and a problem) when it cannot be used. */
    static ApiKey read(Reader r) {
        String name = r.string(PATH);
        if (name == null) {
            return ApiKey.of("");
        }
        if (name.isBlank()) {
            r.problems().bad(r.config(), PATH, "must be a file's path");
            return ApiKey.of("");
        }
        Path file = Path.of(name.strip()).toAbsolutePath();
        String text = text(r, file);
        if (text == null) {
            return ApiKey.of("");
        }
        String key = text.strip();
        if (key.isEmpty()) {
            r.problems().badSecret(r.config(), PATH, "the file " + file + " is empty: it must"
                    + " hold the API key");
        } else if (key.chars().anyMatch(Character::isWhitespace)) {
            r.problems().badSecret(r.config(), PATH, "the file " + file + " must hold the API"
                    + " key alone, on one line");
            return ApiKey.of("");
        }
        return ApiKey.of(key);
    }

    /** The file's text, or null after a problem saying why it cannot be read. */
    private static String text(Reader r, Path file) {
        String why;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length <= MAX_BYTES) {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            }
            why = "is larger than " + MAX_BYTES + " bytes, so it is not a key file";
        } catch (NoSuchFileException e) {
            why = "does not exist (on the driver; with spark-submit --files give the file's name"
                    + " alone)";
        } catch (AccessDeniedException e) {
            why = "cannot be read: permission denied";
        } catch (CharacterCodingException e) {
            why = "is not UTF-8 text";
        } catch (IOException e) {
            why = "cannot be read: " + (Files.isDirectory(file) ? "it is a directory"
                    : e.getClass().getSimpleName());
        }
        r.problems().badSecret(r.config(), PATH, "the file " + file + " " + why);
        return null;
    }
}
