package dev.gembatch.cluster;

import dev.gembatch.job.JvmCommandLines;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark standalone master and workers, each a separate JVM started from the project's own class
 * path (no Spark download): a throw-away SPARK_HOME whose {@code jars/} links the class path's
 * jars, the build's Scala version (2.12 for Spark 3.5, 2.13 for Spark 4), everything bound to
 * 127.0.0.1. {@link #close()} kills every JVM it started,
 * the executors and drivers below them included, also when a test failed half way.
 */
public final class StandaloneCluster implements AutoCloseable {
    static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final Duration READY = Duration.ofSeconds(90);
    private static final List<String> RELOCATED = List.of("httpclient5", "httpcore5",
            "/com/typesafe/config/", "/com/google/auth/", "/com/google/http-client/",
            "/com/google/api/api-common/", "/com/google/code/gson/", "/com/google/guava/",
            "/io/opencensus/", "/io/grpc/");
    private final Path dir;
    private final Path home;
    private final List<Process> started = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(Path dir, Path home, int masterPort) {
        this.dir = dir;
        this.home = home;
        this.masterUrl = "spark://127.0.0.1:" + masterPort;
    }

    /** A master and {@code workers} workers of one core each, registered and ready. */
    public static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        StandaloneCluster c = new StandaloneCluster(dir, sparkHome(dir), freePort());
        try {
            Path masterLog = c.launch("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", port(c.masterUrl),
                    "--webui-port", String.valueOf(freePort())));
            Logs.await(masterLog, "I have been elected leader", READY);
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                logs.add(c.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                        c.masterUrl, "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                        "--webui-port", String.valueOf(freePort()),
                        "--work-dir", Files.createDirectories(dir.resolve("work-" + i)).toString())));
            }
            for (Path log : logs) {
                Logs.await(log, "Successfully registered with master", READY);
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /**
     * Starts a JVM on the class path Spark itself runs with (the launcher's, without the
     * libraries the application jar carries relocated), output to {@code <name>.log}.
     */
    public Path launch(String name, List<String> mainAndArgs, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("gembatch.jvm.flags").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx512m", "-cp", sparkClassPath()));
        cmd.addAll(mainAndArgs);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION",
                System.getProperty("gembatch.scala.binary.version"), "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_LOG_DIR", dir.toString()));
        pb.environment().putAll(env);
        synchronized (started) {
            started.add(pb.start());
        }
        return log;
    }

    private Path launch(String name, List<String> mainAndArgs) throws IOException {
        return launch(name, mainAndArgs, Map.of());
    }

    /** The last JVM {@link #launch} started. */
    public Process last() {
        synchronized (started) {
            return started.get(started.size() - 1);
        }
    }

    /** Executor JVMs running now, below the workers. */
    List<ProcessHandle> executors() {
        synchronized (started) {
            return started.stream().flatMap(p -> p.toHandle().descendants())
                    .filter(h -> JvmCommandLines.of(h).contains(EXECUTOR_MAIN))
                    .collect(Collectors.toList());
        }
    }

    /** The command lines of every JVM started here and of everything below them, now. */
    List<String> commandLines() {
        synchronized (started) {
            return started.stream().flatMap(p -> Stream.concat(
                            Stream.of(p.toHandle()), p.toHandle().descendants()))
                    .map(JvmCommandLines::of).filter(c -> !c.isEmpty())
                    .collect(Collectors.toList());
        }
    }

    /** SIGKILLs every JVM started here and everything below them, newest first. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Process p = all.get(i);
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p)
                    .join();
        }
    }

    /**
     * SPARK_HOME with jars/ linking the Spark class path (the workers launch executors from it)
     * and conf/spark-defaults.conf, which spark-submit reads.
     */
    private static Path sparkHome(Path dir) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        // every application submitted here starts its executors with the tests' JVM options
        Files.writeString(Files.createDirectories(jars.resolveSibling("conf"))
                .resolve("spark-defaults.conf"), "spark.executor.extraJavaOptions "
                + System.getProperty("gembatch.spawned.jvm.flags") + "\n", StandardCharsets.UTF_8);
        for (String entry : sparkClassPath().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return jars.getParent();
    }

    /**
     * Spark and its dependencies: the launcher's class path without the jars that come only with
     * what the application jar carries relocated (HttpClient 5, Typesafe Config, Google's auth
     * library with its HTTP client, Gson, Guava, OpenCensus and gRPC).
     */
    public static String sparkClassPath() throws IOException {
        String all = Files.readString(Path.of(System.getProperty("gembatch.classpath.file")),
                StandardCharsets.UTF_8);
        return Arrays.stream(all.trim().split(File.pathSeparator))
                .filter(e -> RELOCATED.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The rows of the Parquet folder a job on the cluster wrote, read by a local session. */
    static List<Row> readOutput(Path folder) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("it-read")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            return spark.read().parquet(folder.toString()).collectAsList();
        } finally {
            spark.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String port(String url) {
        return url.substring(url.lastIndexOf(':') + 1);
    }
}
