package dev.gembatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/PACKAGES.md is the code's: each package imports exactly the gembatch
 * packages its row lists, every package has a row and a package-info.java, and the README's
 * layout line names every package.
 */
class PackageMapTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "gembatch");
    private static final Pattern REFERENCE =
            Pattern.compile("dev\\.gembatch\\.([a-z]+(?:\\.limit)?)\\.[A-Z]");
    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z.]+)` \\| [^|]+ \\| ([^|]+) \\|$", Pattern.MULTILINE);

    @Test
    void eachPackageImportsExactlyWhatTheMapSays() throws IOException {
        assertEquals(documented(), actual());
    }

    @Test
    void everyPackageSaysWhatItHoldsAndMayUse() throws IOException {
        for (String pkg : actual().keySet()) {
            Path info = SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            assertTrue(Files.exists(info), "no package-info.java in " + pkg);
            assertTrue(Files.readString(info).contains("May use:"), info + " says what it may use");
        }
    }

    @Test
    void theReadmeLayoutLineNamesEveryPackage() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (String pkg : actual().keySet()) {
            assertTrue(readme.contains("`" + pkg + "`"), "README does not name " + pkg);
        }
    }

    private static Map<String, Set<String>> documented() throws IOException {
        Matcher row = ROW.matcher(Files.readString(Path.of("docs", "PACKAGES.md"),
                StandardCharsets.UTF_8));
        Map<String, Set<String>> map = new TreeMap<>();
        while (row.find()) {
            Set<String> uses = Arrays.stream(row.group(2).split(","))
                    .map(String::strip).filter(s -> !s.equals("—"))
                    .collect(Collectors.toCollection(TreeSet::new));
            map.put(row.group(1), uses);
        }
        return map;
    }

    private static Map<String, Set<String>> actual() throws IOException {
        Map<String, Set<String>> map = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> uses = map.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(read(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            });
        }
        return map;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
