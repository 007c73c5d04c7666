package dev.gembatch.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Waits, with a deadline, for a condition another process brings about; keeps the logs. */
final class Logs {
    private static final long POLL_MS = 100;

    private Logs() {
    }

    /** Returns once {@code log} contains {@code text}; fails with the log after {@code limit}. */
    static void await(Path log, String text, Duration limit) throws InterruptedException {
        boolean seen = until(() -> read(log).contains(text), limit);
        if (!seen) {
            throw new IllegalStateException("no '" + text + "' in " + log + " within " + limit
                    + ":\n" + read(log));
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} passes; says which. */
    static boolean until(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }

    /**
     * Copies the cluster's logs under {@code dir} (master, workers, driver, and each executor's
     * stdout and stderr) to {@code target/cluster-logs/<name>}, where they outlive the test's
     * temporary folder; replaces an earlier copy.
     */
    static void keep(Path dir, String name) throws IOException {
        Path to = Path.of("target", "cluster-logs", name);
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Logs::isLog).toList()) {
                Path copy = to.resolve(dir.relativize(p).toString().replace('/', '_'));
                Files.createDirectories(copy.getParent());
                Files.copy(p, copy);
            }
        }
    }

    /** How many times {@code text} occurs in the cluster's logs under {@code dir}. */
    static long count(Path dir, String text) throws IOException {
        long n = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Logs::isLog).toList()) {
                String log = read(p);
                for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean isLog(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && !p.toString().contains("spark-home")
                && (name.endsWith(".log") || name.equals("stderr") || name.equals("stdout"));
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
