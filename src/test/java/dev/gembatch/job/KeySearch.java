package dev.gembatch.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where a secret turns up on disk: the searches of SecretsIT and ClusterDeployModeIT. */
public final class KeySearch {
    private KeySearch() {
    }

    /**
     * The regular files under {@code root}, except under {@code allowed}, holding the secret
     * (links are not followed: a test cluster's SPARK_HOME links the Spark jars).
     */
    public static List<String> filesHolding(Path root, String secret, Path allowed)
            throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.startsWith(allowed))
                    .filter(f -> contains(bytes(f), needle))
                    .map(Path::toString).collect(Collectors.toList());
        }
    }

    /**
     * The text of every file under {@code dir}: Spark 3.5 writes an event log as one file, Spark 4
     * as a folder of rolling files.
     */
    public static String text(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(KeySearch::bytes)
                    .map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.joining());
        }
    }

    /** A file's bytes (unchecked, for streams). */
    public static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
