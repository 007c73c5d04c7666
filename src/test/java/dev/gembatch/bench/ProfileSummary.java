package dev.gembatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark JVM's CPU went, from its flight recording (docs/BENCHMARKS.md, section 14):
 * the JIT compilers' time (JFR's compiler statistics), the collectors' CPU, and the Java threads'
 * execution samples, each put in the first of {@link #KINDS} that any frame of its stack matches.
 * {@code jobs/bench profile FILE.jfr [SECONDS]}: only the last SECONDS of the recording when given
 * (the last measured run).
 */
public final class ProfileSummary {
    /** Kinds of work, tried in order: a sample is of the first kind one of its frames names. */
    private static final Map<String, List<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("plan strings (Spark's explain and UI events)", List.of("ExplainUtils",
                "SparkPlanInfo", "TreeNode.argString", "TreeNode.treeString",
                "Expression.toString", "QueryPlan.simpleString"));
        KINDS.put("Janino compiling generated code", List.of("org.codehaus"));
        KINDS.put("class loading", List.of("ClassLoader.loadClass", "java.util.zip.ZipFile",
                "java.util.jar.JarFile", "URLClassPath"));
        KINDS.put("journal: answer records (Parquet)", List.of("store.AnswerRecords"));
        KINDS.put("journal: other", List.of("dev.gembatch.reuse.Journal",
                "dev.gembatch.reuse.PartitionClaim"));
        KINDS.put("Hadoop configuration files", List.of("hadoop.conf.Configuration"));
        KINDS.put("output write", List.of("FileFormatWriter", "FileFormatDataWriter"));
        KINDS.put("Parquet read", List.of("ParquetFileReader", "VectorizedParquet"));
        KINDS.put("HTTP client", List.of("org.apache.hc"));
        KINDS.put("decode and reassembly", List.of("dev.gembatch.assembly",
                "dev.gembatch.transport", "com.fasterxml"));
        KINDS.put("gembatch, other", List.of("dev.gembatch"));
        KINDS.put("Spark's analyzer and optimizer", List.of("catalyst.rules",
                "catalyst.analysis", "catalyst.optimizer"));
        KINDS.put("Spark, other", List.of("org.apache.spark"));
    }

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        Instant end = events.stream().map(RecordedEvent::getEndTime).max(Instant::compareTo)
                .orElseThrow();
        Instant from = args.length > 1 ? end.minusSeconds(Long.parseLong(args[1])) : Instant.MIN;
        Map<String, Integer> samples = new LinkedHashMap<>();
        int total = 0;
        double gcCpu = 0;
        Duration jitAtFrom = null;
        Duration jitAtEnd = Duration.ZERO;
        for (RecordedEvent e : events) {
            if (e.getStartTime().isBefore(from)) {
                if (e.getEventType().getName().equals("jdk.CompilerStatistics")) {
                    jitAtFrom = e.getDuration("totalTimeSpent");
                }
                continue;
            }
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    samples.merge(kind(e.getStackTrace()), 1, Integer::sum);
                    total++;
                }
                case "jdk.CompilerStatistics" -> jitAtEnd = e.getDuration("totalTimeSpent");
                case "jdk.GCCPUTime" -> gcCpu += (e.getLong("userTime") + e.getLong("systemTime"))
                        / 1e9;
                default -> {
                }
            }
        }
        Duration jit = jitAtEnd.minus(jitAtFrom == null ? Duration.ZERO : jitAtFrom);
        System.out.printf(Locale.ROOT, "JIT compilers: %.1f s; collectors' CPU: %.1f s;"
                + " Java execution samples: %d%n", jit.toMillis() / 1e3, gcCpu, total);
        int all = total;
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(s -> System.out.printf(Locale.ROOT, "%6d  %5.1f %%  %s%n", s.getValue(),
                        100.0 * s.getValue() / all, s.getKey()));
    }

    private static String kind(RecordedStackTrace stack) {
        if (stack == null) {
            return "no stack";
        }
        List<String> frames = stack.getFrames().stream().map(ProfileSummary::name).toList();
        for (Map.Entry<String, List<String>> k : KINDS.entrySet()) {
            for (String frame : frames) {
                if (k.getValue().stream().anyMatch(frame::contains)) {
                    return k.getKey();
                }
            }
        }
        return "other (JDK, Scala, Hadoop)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
