package dev.gembatch.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
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
 * Runs {@link DecodeBench} with the GC and {@link CpuProfiler} profilers and prints, per source and
 * format, ns per chunk and MB/s (median, min, max over all measured iterations of all forks), CPU
 * ns per chunk (median, min, max) and bytes allocated per chunk. Args: [forks=2] [warmup
 * iterations=3] [measured iterations=5] (1 s each).
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
                .jvmArgsAppend("-Xmx1g")
                .addProfiler(GCProfiler.class).addProfiler(CpuProfiler.class).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("| source | format | bodies | chunks | bytes | ns/chunk median (min-max)"
                + " | MB/s median (min-max) | CPU ns/chunk median (min-max) | B allocated/chunk |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(row(r)));
    }

    private static String row(RunResult run) {
        BenchmarkParams params = run.getParams();
        Corpus corpus = Corpus.of(params.getParam("source"), params.getParam("format"));
        List<Double> nsPerOp = perIteration(run, it -> it.getPrimaryResult().getScore());
        List<Double> cpuPerOp = perIteration(run, it -> it.getSecondaryResults().get(CpuProfiler.LABEL).getScore());
        double chunks = corpus.chunks();
        double mb = corpus.bytes() / 1e6;
        return String.format("| %s | %s | %d | %d | %d | %s | %.0f (%.0f-%.0f) | %s | %.0f |",
                params.getParam("source"), params.getParam("format"), corpus.bodies().size(),
                corpus.chunks(), corpus.bytes(), spread(nsPerOp, chunks), mb / (median(nsPerOp) / 1e9),
                mb / (nsPerOp.get(nsPerOp.size() - 1) / 1e9), mb / (nsPerOp.get(0) / 1e9),
                spread(cpuPerOp, chunks), allocatedPerOp(run) / chunks);
    }

    /** One figure of every measured iteration of every fork, sorted. */
    private static List<Double> perIteration(RunResult run, ToDoubleFunction<IterationResult> figure) {
        List<Double> values = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult it : fork.getIterationResults()) {
                values.add(figure.applyAsDouble(it));
            }
        }
        values.sort(null);
        return values;
    }

    /** "median (min-max)" of sorted per-operation values, divided by {@code per}. */
    private static String spread(List<Double> sorted, double per) {
        return String.format("%.0f (%.0f-%.0f)", median(sorted) / per, sorted.get(0) / per,
                sorted.get(sorted.size() - 1) / per);
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
