package dev.gembatch.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.Path;

/**
 * Where an output's journal goes when {@code journal.path} moves it: a subfolder of that folder
 * named by the output place's last name and a hash of the whole place, so outputs of the same
 * name elsewhere never share one.
 */
final class JournalFolder {
    private JournalFolder() {
    }

    /** The journal folder of the output at {@code place} in the folder of journals. */
    static String in(String place, String journals) {
        String trimmed = place.endsWith("/") ? place.substring(0, place.length() - 1) : place;
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(trimmed.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return new Path(journals, new Path(trimmed).getName() + "-" + digest).toString();
    }
}
