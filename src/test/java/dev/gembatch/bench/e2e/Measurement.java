package dev.gembatch.bench.e2e;

/**
 * One measured run: rows answered, how many came back complete (status OK), wall and CPU seconds
 * of the job JVM and of the emulator JVM, the mean stream latency the client observed, and the
 * steady rate (rows/s between the 10th and 90th percentile completions: no start-up, no tail).
 */
record Measurement(String client, int inFlight, long rows, long okRows, double wallSeconds,
                   double cpuSeconds, double emulatorCpuSeconds, double meanLatencyMs,
                   double steadyRowsPerSecond) {

    double rowsPerSecond() {
        return rows / wallSeconds;
    }

    /** rows/s ÷ (in flight ÷ nominal stream latency): 1.0 is Little's law's limit. */
    double efficiency(double nominalLatencyMs) {
        return rowsPerSecond() / (inFlight / (nominalLatencyMs / 1000.0));
    }

    /** The same for the steady rate. */
    double steadyEfficiency(double nominalLatencyMs) {
        return steadyRowsPerSecond / (inFlight / (nominalLatencyMs / 1000.0));
    }

    double cpuSecondsPer10kRows() {
        return cpuSeconds / rows * 10_000;
    }

    String line(double nominalLatencyMs) {
        return String.format("%s in-flight=%d rows=%d ok=%d wall=%.2fs rows/s=%.1f efficiency=%.3f steady=%.3f"
                        + " cpu=%.2fs (%.2f s/10k rows) emulator-cpu=%.2fs mean-latency=%.0fms",
                client, inFlight, rows, okRows, wallSeconds, rowsPerSecond(),
                efficiency(nominalLatencyMs), steadyEfficiency(nominalLatencyMs), cpuSeconds, cpuSecondsPer10kRows(), emulatorCpuSeconds,
                meanLatencyMs);
    }
}
