package dev.gembatch.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Whole command lines of processes, watched while a launcher runs. */
public final class JvmCommandLines {
    private JvmCommandLines() {
    }

    /**
     * The whole command line of {@code h}, or "" once it ended. Read from
     * {@code /proc/<pid>/cmdline}: {@link ProcessHandle.Info#commandLine()} cuts a long line
     * short (on this JDK within the class path of a gembatch JVM), and what follows (the main
     * class, the arguments) would go unseen.
     */
    public static String of(ProcessHandle h) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Every distinct command line of {@code p} (bash, then the java it execs) and its children,
     * until one runs gembatch's {@code Main} or {@code p} ends.
     */
    static List<String> watch(Process p) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (p.isAlive() && !String.join(" ", seen).contains("dev.gembatch.job.Main")) {
            Stream.concat(Stream.of(p.toHandle()), p.toHandle().descendants())
                    .map(JvmCommandLines::of)
                    .filter(c -> !c.isEmpty() && !seen.contains(c)).forEach(seen::add);
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return seen;
    }

    /** The one that runs gembatch's {@code Main}. */
    static String main(List<String> seen) {
        return seen.stream().filter(c -> c.contains("dev.gembatch.job.Main")).findFirst()
                .orElseThrow(() -> new AssertionError("no JVM ran dev.gembatch.job.Main: "
                        + seen.stream().map(c -> c.substring(0, Math.min(c.length(), 200)))
                        .toList()));
    }
}
