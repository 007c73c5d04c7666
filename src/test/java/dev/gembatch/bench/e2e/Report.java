package dev.gembatch.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Prints measured runs as markdown: medians with min and max, and gembatch ÷ baseline ratios. */
final class Report {
    private final List<Measurement> runs;
    private final double nominalLatencyMs;

    Report(List<Measurement> runs, double nominalLatencyMs) {
        this.runs = List.copyOf(runs);
        this.nominalLatencyMs = nominalLatencyMs;
    }

    String table() {
        StringBuilder out = new StringBuilder("| in flight | client | runs | rows | rows/s | efficiency (whole job)"
                + " | efficiency (steady) | client CPU s / 10k rows | emulator CPU s / 10k rows | mean latency ms | rows OK |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int inFlight : runs.stream().mapToInt(Measurement::inFlight).distinct().toArray()) {
            for (String client : runs.stream().map(Measurement::client).distinct().toList()) {
                List<Measurement> m = select(inFlight, client);
                if (!m.isEmpty()) {
                    out.append(row(inFlight, client, m));
                }
            }
        }
        return out.toString();
    }

    private String row(int inFlight, String client, List<Measurement> m) {
        return String.format("| %d | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |%n", inFlight, client,
                m.size(), m.get(0).rows(), stat(m, Measurement::rowsPerSecond, "%.0f"),
                stat(m, x -> x.efficiency(nominalLatencyMs), "%.3f"),
                stat(m, x -> x.steadyEfficiency(nominalLatencyMs), "%.3f"),
                stat(m, Measurement::cpuSecondsPer10kRows, "%.2f"),
                stat(m, x -> x.emulatorCpuSeconds() / x.rows() * 10_000, "%.2f"),
                stat(m, Measurement::meanLatencyMs, "%.0f"),
                m.stream().allMatch(x -> x.okRows() == x.rows()) ? "all" : "NOT ALL");
    }

    /** gembatch ÷ google-genai, on medians: throughput and client CPU per row. */
    String ratios() {
        StringBuilder out = new StringBuilder("| in flight | rows/s ratio (gembatch ÷ genai)"
                + " | client CPU per row ratio (gembatch ÷ genai) |\n|---|---|---|\n");
        for (int inFlight : runs.stream().mapToInt(Measurement::inFlight).distinct().toArray()) {
            List<Measurement> g = select(inFlight, "gembatch");
            List<Measurement> b = select(inFlight, "google-genai");
            if (!g.isEmpty() && !b.isEmpty()) {
                out.append(String.format("| %d | %.2f | %.2f |%n", inFlight,
                        median(g, Measurement::rowsPerSecond) / median(b, Measurement::rowsPerSecond),
                        median(g, Measurement::cpuSecondsPer10kRows) / median(b, Measurement::cpuSecondsPer10kRows)));
            }
        }
        return out.toString();
    }

    private List<Measurement> select(int inFlight, String client) {
        return runs.stream().filter(m -> m.inFlight() == inFlight && m.client().equals(client)).toList();
    }

    private static String stat(List<Measurement> m, ToDoubleFunction<Measurement> f, String format) {
        double[] v = m.stream().mapToDouble(f).sorted().toArray();
        return String.format(format + " (" + format + "–" + format + ")", median(m, f), v[0], v[v.length - 1]);
    }

    static double median(List<Measurement> m, ToDoubleFunction<Measurement> f) {
        double[] v = m.stream().mapToDouble(f).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The 1, 5 and 15 minute load averages of the machine, as /proc/loadavg has them. */
    static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
