package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Knobs of the built-in emulator ({@code gemini.emulator.*}), mapped by the job onto the
 * emulator's own options; rate limits of 0 mean unlimited; {@code extraModels} are served beside
 * the emulator's catalog of Google's models; {@code flexShedRate} and
 * {@code priorityDowngradeRate} are the fractions of Flex attempts shed and of Priority requests
 * served at standard.
 */
public record EmulatorKnobs(Duration firstByteLatency, Duration chunkGap, int chunks,
                            int requestsPerMinute, int tokensPerMinute, int maxConcurrentStreams,
                            double chaosFraction, long chaosSeed, boolean http2,
                            List<String> extraModels, double flexShedRate,
                            double priorityDowngradeRate)
        implements Serializable {

    /** A builder with no field set; {@link Builder#build()} needs every one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these knobs. */
    public Builder toBuilder() {
        return builder().firstByteLatency(firstByteLatency).chunkGap(chunkGap).chunks(chunks)
                .requestsPerMinute(requestsPerMinute).tokensPerMinute(tokensPerMinute)
                .maxConcurrentStreams(maxConcurrentStreams).chaosFraction(chaosFraction)
                .chaosSeed(chaosSeed).http2(http2).extraModels(extraModels)
                .flexShedRate(flexShedRate).priorityDowngradeRate(priorityDowngradeRate);
    }

    /** Builds {@link EmulatorKnobs} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(EmulatorKnobs.class);
        private Duration firstByteLatency;
        private Duration chunkGap;
        private int chunks;
        private int requestsPerMinute;
        private int tokensPerMinute;
        private int maxConcurrentStreams;
        private double chaosFraction;
        private long chaosSeed;
        private boolean http2;
        private List<String> extraModels;
        private double flexShedRate;
        private double priorityDowngradeRate;

        private Builder() {
        }

        public Builder firstByteLatency(Duration v) {
            firstByteLatency = v;
            return set("firstByteLatency");
        }
        public Builder chunkGap(Duration v) { chunkGap = v; return set("chunkGap"); }
        public Builder chunks(int v) { chunks = v; return set("chunks"); }
        public Builder requestsPerMinute(int v) {
            requestsPerMinute = v;
            return set("requestsPerMinute");
        }
        public Builder tokensPerMinute(int v) { tokensPerMinute = v; return set("tokensPerMinute"); }
        public Builder maxConcurrentStreams(int v) {
            maxConcurrentStreams = v;
            return set("maxConcurrentStreams");
        }
        public Builder chaosFraction(double v) { chaosFraction = v; return set("chaosFraction"); }
        public Builder chaosSeed(long v) { chaosSeed = v; return set("chaosSeed"); }
        public Builder http2(boolean v) { http2 = v; return set("http2"); }
        public Builder extraModels(List<String> v) { extraModels = v; return set("extraModels"); }
        public Builder flexShedRate(double v) { flexShedRate = v; return set("flexShedRate"); }
        public Builder priorityDowngradeRate(double v) {
            priorityDowngradeRate = v;
            return set("priorityDowngradeRate");
        }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The knobs; throws IllegalStateException naming every field never set. */
        public EmulatorKnobs build() {
            given.check();
            return new EmulatorKnobs(firstByteLatency, chunkGap, chunks, requestsPerMinute,
                    tokensPerMinute, maxConcurrentStreams, chaosFraction, chaosSeed, http2,
                    extraModels, flexShedRate, priorityDowngradeRate);
        }
    }
}
