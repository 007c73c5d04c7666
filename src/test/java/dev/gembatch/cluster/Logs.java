package dev.gembatch.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, with a deadline, for a condition another process brings about. */
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

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
