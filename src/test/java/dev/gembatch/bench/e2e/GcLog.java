package dev.gembatch.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified GC log ({@code -Xlog:gc}): the heap left after each collection within a time
 * window, summarised per tenth of the window to show whether the live heap grows.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+\\.\\d+)s\\].*GC\\(\\d+\\) (Pause [^(]*\\([^)]*\\)).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** One collection: when (seconds of JVM uptime), what kind, heap after it (MB). */
    record Pause(double at, String kind, int afterMb, int committedMb) {
    }

    private GcLog() {
    }

    static List<Pause> read(Path log, double fromSeconds, double toSeconds) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                double at = Double.parseDouble(m.group(1));
                if (at >= fromSeconds && at <= toSeconds) {
                    pauses.add(new Pause(at, m.group(2).trim(), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5))));
                }
            }
        }
        return pauses;
    }

    /** Per tenth of the window: collections and the smallest and largest heap left after one (MB). */
    static String summary(List<Pause> pauses, double from, double to) {
        StringBuilder out = new StringBuilder("| tenth of the run | collections | heap after GC, min-max (MB) |\n|---|---|---|\n");
        double width = (to - from) / 10;
        for (int i = 0; i < 10; i++) {
            double lo = from + i * width;
            double hi = lo + width;
            List<Pause> in = pauses.stream().filter(p -> p.at() >= lo && p.at() < hi).toList();
            out.append(String.format("| %d | %d | %s |%n", i + 1, in.size(), in.isEmpty() ? "-"
                    : in.stream().mapToInt(Pause::afterMb).min().getAsInt() + "-"
                    + in.stream().mapToInt(Pause::afterMb).max().getAsInt()));
        }
        long full = pauses.stream().filter(p -> p.kind().startsWith("Pause Full")).count();
        return out.append(String.format("%ncollections: %d, full: %d, max heap after GC: %d MB%n", pauses.size(),
                full, pauses.stream().mapToInt(Pause::afterMb).max().orElse(0))).toString();
    }
}
