package dev.gembatch.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/TRANSPORT.md says what the transport does: the codes it retries are the classifier's, and
 * every gembatch class it names exists.
 */
class TransportDocTest {
    private static final Path DOC = Path.of("docs", "TRANSPORT.md");

    @Test
    void theRetriedCodesOfTheDocAreTheClassifiers() throws Exception {
        Matcher m = Pattern.compile("\\| HTTP or in-band error ([\\d, ]+) \\|")
                .matcher(Files.readString(DOC));
        assertTrue(m.find(), "no row of retried codes in " + DOC);
        Set<Integer> documented = Arrays.stream(m.group(1).split(",\\s*"))
                .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Classifier.RETRYABLE_CODES), documented);
    }

    @Test
    void everyGembatchClassTheDocNamesExists() throws Exception {
        Set<String> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
                Files.walk(Path.of("src/test/java")))) {
            sources = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .collect(Collectors.toSet());
        }
        Matcher m = Pattern.compile("`([A-Z][a-z]+[A-Z][A-Za-z]*)`").matcher(Files.readString(DOC));
        Set<String> missing = new TreeSet<>();
        int named = 0;
        while (m.find()) {
            if (sources.contains(m.group(1))) {
                named++;
            } else if (!FOREIGN.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        assertEquals(Set.of(), missing);
        assertTrue(named >= 15, "gembatch classes named: " + named);
    }

    /** Names in the doc that are not gembatch's: the JDK's, HttpClient's, Google's. */
    private static final Set<String> FOREIGN = Set.of("AbstractBinResponseConsumer",
            "ConnectException", "UnknownHostException", "NoRouteToHostException",
            "SSLHandshakeException", "SSLPeerUnverifiedException", "IllegalArgumentException",
            "ServerSocket", "RetryInfo", "QuotaFailure", "PerDay");
}
