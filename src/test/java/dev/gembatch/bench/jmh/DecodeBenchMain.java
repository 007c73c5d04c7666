package dev.gembatch.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DecodeBench} with the GC profiler and prints, per source and format, ns per chunk
 * and MB/s (median, min, max over all measured iterations of all forks) and bytes allocated per
 * chunk. Args: [forks=2] [warmup iterations=3] [measured iterations=5] (1 s each).
 */
public final class DecodeBenchMain {
    private DecodeBenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Options options = new OptionsBuilder().include(DecodeBench.class.getName())
                .forks(forks).warmupIterations(warmups).measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g", "-Dgembatch.wire.dir="
                        + System.getProperty("gembatch.wire.dir", "../shared/gemini-wire"))
                .addProfiler(GCProfiler.class).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("| source | format | bodies | chunks | bytes | ns/chunk median (min-max)"
                + " | MB/s median (min-max) | B allocated/chunk |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(row(r)));
    }

    private static String row(RunResult run) {
        BenchmarkParams params = run.getParams();
        Corpus corpus = Corpus.of(params.getParam("source"), params.getParam("format"));
        List<Double> nsPerOp = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                nsPerOp.add(it.getPrimaryResult().getScore());
            }
        }
        nsPerOp.sort(null);
        double chunks = corpus.chunks();
        double mb = corpus.bytes() / 1e6;
        return String.format("| %s | %s | %d | %d | %d | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.0f |",
                params.getParam("source"), params.getParam("format"), corpus.bodies().size(),
                corpus.chunks(), corpus.bytes(), median(nsPerOp) / chunks, nsPerOp.get(0) / chunks,
                nsPerOp.get(nsPerOp.size() - 1) / chunks, mb / (median(nsPerOp) / 1e9),
                mb / (nsPerOp.get(nsPerOp.size() - 1) / 1e9), mb / (nsPerOp.get(0) / 1e9),
                allocatedPerOp(run) / chunks);
    }

    private static double allocatedPerOp(RunResult run) {
        for (Map.Entry<String, Result> e : run.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
