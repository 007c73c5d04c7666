package dev.gembatch.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: decode + reassembly of whole response bodies (StreamDecoder into AnswerAssembler, then
 * the assembled answer), fed in 8 KiB slices. One operation = the whole corpus; {@link
 * DecodeBenchMain} divides by its chunks and bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBench {
    @Param({"captures", "synthetic"})
    public String source;

    @Param({"sse", "array"})
    public String format;

    private Corpus corpus;

    @Setup
    public void load() {
        corpus = Corpus.of(source, format);
    }

    @Benchmark
    public void decodeAndAssemble(Blackhole blackhole) {
        for (byte[] body : corpus.bodies()) {
            blackhole.consume(Corpus.decode(body).result());
        }
    }
}
