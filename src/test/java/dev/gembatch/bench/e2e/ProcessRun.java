package dev.gembatch.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One client run as a whole process, from command to exit, as a user starts it: gembatch through
 * its launcher {@code jobs/run} (the launcher's JVM options, class-data archive included), the
 * baseline through {@code java} with {@code baselineJavaOpts} ({@code spark-submit}'s JVM is
 * started with the JVM's defaults). Its CPU is the process's user + system time as
 * {@code /usr/bin/time} reports it at exit, children included; the output is checked as in-JVM
 * runs are.
 */
final class ProcessRun {
    private static final Path TIME = Path.of("/usr/bin/time");

    private ProcessRun() {
    }

    /** gembatch's {@code jobs/run} on the benchmark's job file with {@code sets} overrides. */
    static Measurement gembatch(String client, SparkSession spark, EmulatorProcess emulator,
                                Path input, Path output, int inFlight, String... sets)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("jobs/run"));
        command.addAll(Arrays.asList(GembatchRun.arguments(
                GembatchRun.jobFile(emulator, input, output, inFlight), sets)));
        return timed(command, client, spark, emulator, output, inFlight);
    }

    /** The google-genai job ({@link BaselineRun#main}) in a JVM started with {@code javaOpts}. */
    static Measurement baseline(SparkSession spark, EmulatorProcess emulator, Path input,
                                Path output, int inFlight, List<String> javaOpts)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOpts);
        command.addAll(sparkFlags());
        command.addAll(List.of("-cp", System.getProperty("gembatch.bench.classpath",
                        System.getProperty("java.class.path")), BaselineRun.class.getName(),
                emulator.baseUrl(), input.toString(), output.toString(), "" + inFlight));
        return timed(command, "google-genai", spark, emulator, output, inFlight);
    }

    /** The module openings and properties Spark needs, as this benchmark JVM was given them. */
    private static List<String> sparkFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dlog4j2"))
                .toList();
    }

    private static Measurement timed(List<String> command, String client, SparkSession spark,
                                     EmulatorProcess emulator, Path output, int inFlight)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(TIME)) {
            throw new IllegalStateException("process=true measures each process with " + TIME
                    + ", which this machine lacks (Debian and Ubuntu: the package 'time')");
        }
        Path times = output.resolveSibling(output.getFileName() + ".time");
        Path log = output.resolveSibling(output.getFileName() + "-" + System.currentTimeMillis()
                + ".log");
        List<String> timedCommand = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S",
                "-o", times.toString()));
        timedCommand.addAll(command);
        double emu0 = emulator.cpuSeconds();
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(timedCommand).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        double emu = emulator.cpuSeconds() - emu0;
        if (exit != 0) {
            throw new IllegalStateException(client + " exited " + exit + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        List<String> lines = Files.readAllLines(times, StandardCharsets.UTF_8);
        String[] userSystem = lines.get(lines.size() - 1).trim().split(" ");
        double cpu = Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1]);
        return GembatchRun.checked(spark, output, client, inFlight, wall, cpu, emu);
    }
}
