package dev.gembatch.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler: CPU time of the benchmark JVM (all threads: the benchmark, JIT, GC) per
 * operation, per iteration. Unlike wall time it is not inflated by waiting for a core, so it
 * stays comparable on a machine shared with other work.
 */
public final class CpuProfiler implements InternalProfiler {
    static final String LABEL = "cpu.ns.per.op";

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        double perOp = (os.getProcessCpuTime() - cpuAtStart) / (double) result.getMetadata().getAllOps();
        return List.of(new ScalarResult(LABEL, perOp, "ns/op", AggregationPolicy.AVG));
    }
}
