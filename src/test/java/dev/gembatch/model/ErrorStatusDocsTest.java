package dev.gembatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error_status vocabulary is one type, and the documentation lists all of it: every
 * {@link ErrorStatus} has a row in docs/OUTPUT.md (gembatch's own ones in the README too), the
 * docs list no status the type does not hold, and no production code outside the emulator (the
 * server side) spells a status as a string literal.
 */
class ErrorStatusDocsTest {
    private static final Path OUTPUT_MD = Path.of("docs", "OUTPUT.md");
    private static final Path README = Path.of("README.md");
    private static final Path MAIN = Path.of("src", "main", "java", "dev", "gembatch");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|");

    @Test
    void everyErrorStatusHasARowInOutputMd() throws IOException {
        String section = errorStatusSection();
        List<String> missing = new ArrayList<>();
        for (ErrorStatus s : ErrorStatus.values()) {
            if (!section.contains("| `" + s.name() + "` |")) {
                missing.add(s.name());
            }
        }
        assertEquals(List.of(), missing, "error_status values missing from docs/OUTPUT.md");
    }

    @Test
    void outputMdListsNoErrorStatusTheCodeDoesNotKnow() throws IOException {
        Matcher row = ROW.matcher(errorStatusSection());
        List<String> unknown = new ArrayList<>();
        int rows = 0;
        while (row.find()) {
            rows++;
            if (ErrorStatus.of(row.group(1)).isEmpty()) {
                unknown.add(row.group(1));
            }
        }
        assertEquals(ErrorStatus.values().length, rows);
        assertEquals(List.of(), unknown, "docs/OUTPUT.md lists statuses gembatch does not have");
    }

    @Test
    void readmeListsEveryStatusOfGembatchsOwn() throws IOException {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (ErrorStatus s : ErrorStatus.values()) {
            if (s.source() == ErrorStatus.Source.GEMBATCH
                    && !readme.contains("| `" + s.name() + "` |")) {
                missing.add(s.name());
            }
        }
        assertEquals(List.of(), missing, "gembatch's own error_status values missing from README");
    }

    @Test
    void everyStatusSaysWhatItMeans() {
        for (ErrorStatus s : ErrorStatus.values()) {
            assertFalse(s.meaning().isBlank(), s.name());
        }
    }

    @Test
    void noStatusIsAStringLiteralOutsideTheEmulator() throws IOException {
        List<String> literals = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("emulator"))).toList()) {
                String code = Files.readString(file);
                for (ErrorStatus s : ErrorStatus.values()) {
                    if (code.contains("\"" + s.name() + "\"")) {
                        literals.add(MAIN.relativize(file) + ": \"" + s.name() + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), literals, "use ErrorStatus instead of these literals");
    }

    @Test
    void aServerStatusThatIsNotListedReachesTheColumnAsSent() {
        ErrorInfo e = ErrorInfo.fromServer(429, "QUOTA_TOO_SPICY", null, "slow down", true);
        assertEquals("QUOTA_TOO_SPICY", e.status());
        assertEquals(Optional.empty(), ErrorStatus.of(e.status()));
        assertEquals("UNKNOWN", ErrorInfo.fromServer(500, null, null, "?", true).status());
        ErrorInfo listed = ErrorInfo.fromServer(429, "RESOURCE_EXHAUSTED", null, "quota", true);
        assertTrue(listed.is(ErrorStatus.RESOURCE_EXHAUSTED));
        assertEquals("RESOURCE_EXHAUSTED", listed.status());
    }

    /** docs/OUTPUT.md from its {@code ## `error_status`} heading to the next heading. */
    private static String errorStatusSection() throws IOException {
        String doc = Files.readString(OUTPUT_MD);
        int start = doc.indexOf("## `error_status`");
        assertTrue(start >= 0, "docs/OUTPUT.md has no error_status section");
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
