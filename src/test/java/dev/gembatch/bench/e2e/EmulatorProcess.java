package dev.gembatch.bench.e2e;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator in its own JVM ({@code EmulatorServer} on the benchmark class path), so the job
 * JVM's CPU time is the client's alone; its own CPU time is read from /proc.
 */
final class EmulatorProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://127\\.0\\.0\\.1:\\d+)");
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final Process process;
    private final String baseUrl;

    private EmulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code EmulatorServer} with these options and waits (up to 60 s) for its URL. */
    static EmulatorProcess start(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("gembatch.bench.classpath",
                        System.getProperty("java.class.path")),
                "dev.gembatch.emulator.EmulatorServer", "--port", "0"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                drain(out, Path.of("target", "bench-e2e", "emulator.log"));
                return new EmulatorProcess(process, m.group(1));
            }
        }
        process.destroyForcibly();
        throw new IOException("the emulator did not print its URL: " + command);
    }

    /** Copies the emulator's further output to {@code log}, so a full pipe never blocks it. */
    private static void drain(BufferedReader out, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread copier = new Thread(() -> {
            try (file; out) {
                for (String line; (line = out.readLine()) != null; ) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                }
            } catch (IOException e) {
                System.err.println("emulator output lost: " + e);
            }
        }, "emulator-output");
        copier.setDaemon(true);
        copier.start();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The emulator's statistics ({@code GET /__stats}) as JSON text. */
    String stats() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + "/__stats"))
                .timeout(Duration.ofSeconds(30)).build();
        return http.send(get, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** User + system CPU seconds the emulator JVM has used so far (/proc/PID/stat). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
