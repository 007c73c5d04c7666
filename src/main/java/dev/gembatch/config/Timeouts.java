package dev.gembatch.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Every wait's deadline: TCP/TLS connect, request sent to first response byte, longest gap
 * between two body bytes, one whole attempt, one row across all its attempts and backoffs, and
 * the grace requests on the wire get to finish when their executor shuts down.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration attempt,
                       Duration row, Duration shutdownGrace) implements Serializable {

    /** A builder with no field set; {@link Builder#build()} needs every one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these timeouts. */
    public Builder toBuilder() {
        return builder().connect(connect).firstByte(firstByte).idle(idle).attempt(attempt)
                .row(row).shutdownGrace(shutdownGrace);
    }

    /** Builds {@link Timeouts} by field name. */
    public static final class Builder {
        private final GivenFields given = new GivenFields(Timeouts.class);
        private Duration connect;
        private Duration firstByte;
        private Duration idle;
        private Duration attempt;
        private Duration row;
        private Duration shutdownGrace;

        private Builder() {
        }

        public Builder connect(Duration v) { connect = v; return set("connect"); }
        public Builder firstByte(Duration v) { firstByte = v; return set("firstByte"); }
        public Builder idle(Duration v) { idle = v; return set("idle"); }
        public Builder attempt(Duration v) { attempt = v; return set("attempt"); }
        public Builder row(Duration v) { row = v; return set("row"); }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return set("shutdownGrace"); }

        private Builder set(String field) {
            given.add(field);
            return this;
        }

        /** The timeouts; throws IllegalStateException naming every field never set. */
        public Timeouts build() {
            given.check();
            return new Timeouts(connect, firstByte, idle, attempt, row, shutdownGrace);
        }
    }
}
