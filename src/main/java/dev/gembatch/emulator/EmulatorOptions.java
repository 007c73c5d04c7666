package dev.gembatch.emulator;

import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/** Immutable settings of a {@link GeminiEmulator}; build with {@link #builder()} or take {@link #defaults()}. */
public final class EmulatorOptions {
    private final int port;
    private final String apiKey;
    private final Duration firstByteLatency;
    private final Duration chunkGap;
    private final int chunks;
    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final int requestsPerDay;
    private final int maxConcurrentStreams;
    private final double chaosFraction;
    private final long chaosSeed;
    private final double flexShedRate;
    private final double priorityDowngradeRate;
    private final int cacheExpireAfterUses;
    private final boolean http2;
    private final SSLContext tls;
    private final List<String> extraModels;
    private final Map<String, PublicKey> serviceAccounts;
    private final Duration tokenLifetime;
    private final Duration tokenClaimedLifetime;
    private final int revokeTokensAfter;

    private EmulatorOptions(Builder b) {
        this.port = b.port;
        this.apiKey = b.apiKey;
        this.firstByteLatency = b.firstByteLatency;
        this.chunkGap = b.chunkGap;
        this.chunks = b.chunks;
        this.requestsPerMinute = b.requestsPerMinute;
        this.tokensPerMinute = b.tokensPerMinute;
        this.requestsPerDay = b.requestsPerDay;
        this.maxConcurrentStreams = b.maxConcurrentStreams;
        this.chaosFraction = b.chaosFraction;
        this.chaosSeed = b.chaosSeed;
        this.flexShedRate = b.flexShedRate;
        this.priorityDowngradeRate = b.priorityDowngradeRate;
        this.cacheExpireAfterUses = b.cacheExpireAfterUses;
        this.http2 = b.http2;
        this.tls = b.tls;
        this.extraModels = b.extraModels;
        this.serviceAccounts = Map.copyOf(b.serviceAccounts);
        this.tokenLifetime = b.tokenLifetime;
        this.tokenClaimedLifetime = b.tokenClaimedLifetime == null ? b.tokenLifetime : b.tokenClaimedLifetime;
        this.revokeTokensAfter = b.revokeTokensAfter;
    }

    /** Port 0 (any free), key "emulator-key", no latency, 3 chunks, no quota, no cap, no chaos, HTTP/1.1. */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these options. */
    public Builder toBuilder() {
        Builder b = new Builder().port(port).apiKey(apiKey).firstByteLatency(firstByteLatency);
        b.chunkGap(chunkGap).chunks(chunks).requestsPerMinute(requestsPerMinute);
        b.tokensPerMinute(tokensPerMinute).requestsPerDay(requestsPerDay);
        b.maxConcurrentStreams(maxConcurrentStreams);
        serviceAccounts.forEach(b::serviceAccount);
        return b.chaosFraction(chaosFraction).chaosSeed(chaosSeed).http2(http2).tls(tls)
                .extraModels(extraModels).tokenLifetime(tokenLifetime)
                .tokenClaimedLifetime(tokenClaimedLifetime).revokeTokensAfter(revokeTokensAfter)
                .flexShedRate(flexShedRate).priorityDowngradeRate(priorityDowngradeRate)
                .cacheExpireAfterUses(cacheExpireAfterUses);
    }

    public int port() { return port; }
    public String apiKey() { return apiKey; }
    public Duration firstByteLatency() { return firstByteLatency; }
    public Duration chunkGap() { return chunkGap; }
    public int chunks() { return chunks; }
    public int requestsPerMinute() { return requestsPerMinute; }
    public int tokensPerMinute() { return tokensPerMinute; }
    /** Requests admitted before every later one gets a per-day 429 (0: no limit). */
    public int requestsPerDay() { return requestsPerDay; }
    public int maxConcurrentStreams() { return maxConcurrentStreams; }
    public double chaosFraction() { return chaosFraction; }
    public long chaosSeed() { return chaosSeed; }
    /** Fraction 0..1 of Flex attempts shed with 503 or 429 (drawn with {@link #chaosSeed}). */
    public double flexShedRate() { return flexShedRate; }
    /** Fraction 0..1 of Priority requests served at standard (the served-tier header says so). */
    public double priorityDowngradeRate() { return priorityDowngradeRate; }
    /** Generation requests an explicit context cache serves before it is gone (0: only its TTL ends it). */
    public int cacheExpireAfterUses() { return cacheExpireAfterUses; }
    public boolean http2() { return http2; }
    /** The TLS context of an HTTPS emulator (ALPN offers h2 and HTTP/1.1); null: plain http. */
    public SSLContext tls() { return tls; }
    /** Model names served beside the catalog's (see {@link ModelCatalog}). */
    public List<String> extraModels() { return extraModels; }
    /** Service accounts (client_email → public key) whose signed JWTs the token endpoint accepts. */
    public Map<String, PublicKey> serviceAccounts() { return serviceAccounts; }
    /** How long an issued access token is accepted. */
    public Duration tokenLifetime() { return tokenLifetime; }
    /** The lifetime the token response claims ({@code expires_in}); defaults to {@link #tokenLifetime()}. */
    public Duration tokenClaimedLifetime() { return tokenClaimedLifetime; }
    /**
     * After this many requests signed with a token, every token issued so far stops being
     * accepted, once (a token that dies before the expiry it claimed: revoked, clock skew); 0 = never.
     */
    public int revokeTokensAfter() { return revokeTokensAfter; }

    @Override
    public String toString() {
        return "EmulatorOptions{port=" + port + ", firstByteLatency=" + firstByteLatency + ", chunkGap=" + chunkGap
                + ", chunks=" + chunks + ", rpm=" + requestsPerMinute + ", tpm=" + tokensPerMinute
                + ", rpd=" + requestsPerDay
                + ", maxConcurrentStreams=" + maxConcurrentStreams + ", chaosFraction=" + chaosFraction
                + ", chaosSeed=" + chaosSeed + ", flexShedRate=" + flexShedRate
                + ", priorityDowngradeRate=" + priorityDowngradeRate + ", http2=" + http2 + ", tls=" + (tls != null) + "}";
    }

    /** Mutable builder; {@link #build()} validates every value. */
    public static final class Builder {
        private int port;
        private String apiKey = "emulator-key";
        private Duration firstByteLatency = Duration.ZERO;
        private Duration chunkGap = Duration.ZERO;
        private int chunks = 3;
        private int requestsPerMinute;
        private int tokensPerMinute;
        private int requestsPerDay;
        private int maxConcurrentStreams;
        private double chaosFraction;
        private long chaosSeed = 42;
        private double flexShedRate;
        private double priorityDowngradeRate;
        private int cacheExpireAfterUses;
        private boolean http2;
        private SSLContext tls;
        private List<String> extraModels = List.of();
        private final Map<String, PublicKey> serviceAccounts = new LinkedHashMap<>();
        private Duration tokenLifetime = Duration.ofHours(1);
        private Duration tokenClaimedLifetime;
        private int revokeTokensAfter;

        private Builder() {
        }

        public Builder port(int value) { this.port = value; return this; }
        public Builder apiKey(String value) { this.apiKey = Objects.requireNonNull(value, "apiKey"); return this; }
        public Builder firstByteLatency(Duration value) { this.firstByteLatency = Objects.requireNonNull(value); return this; }
        public Builder chunkGap(Duration value) { this.chunkGap = Objects.requireNonNull(value); return this; }
        public Builder chunks(int value) { this.chunks = value; return this; }
        public Builder requestsPerMinute(int value) { this.requestsPerMinute = value; return this; }
        public Builder tokensPerMinute(int value) { this.tokensPerMinute = value; return this; }
        public Builder requestsPerDay(int value) { this.requestsPerDay = value; return this; }
        public Builder maxConcurrentStreams(int value) { this.maxConcurrentStreams = value; return this; }
        public Builder chaosFraction(double value) { this.chaosFraction = value; return this; }
        public Builder chaosSeed(long value) { this.chaosSeed = value; return this; }
        public Builder flexShedRate(double value) { this.flexShedRate = value; return this; }
        public Builder priorityDowngradeRate(double value) { this.priorityDowngradeRate = value; return this; }
        public Builder cacheExpireAfterUses(int value) { this.cacheExpireAfterUses = value; return this; }
        /**
         * true: serve h2c with prior knowledge only (HttpCore 5.4 cannot sniff the h2 preface next
         * to HTTP/1.1 on a cleartext port); false (default): HTTP/1.1 with keep-alive.
         */
        public Builder http2(boolean value) { this.http2 = value; return this; }
        public Builder tls(SSLContext value) { this.tls = value; return this; }
        public Builder extraModels(List<String> value) { this.extraModels = List.copyOf(value); return this; }
        /** Accepts JWT-bearer assertions of this service account (its client_email and public key). */
        public Builder serviceAccount(String email, PublicKey key) {
            serviceAccounts.put(Objects.requireNonNull(email), Objects.requireNonNull(key));
            return this;
        }
        public Builder tokenLifetime(Duration value) { this.tokenLifetime = Objects.requireNonNull(value); return this; }
        public Builder revokeTokensAfter(int value) { this.revokeTokensAfter = value; return this; }
        /** null: the same as the token lifetime. */
        public Builder tokenClaimedLifetime(Duration value) { this.tokenClaimedLifetime = value; return this; }

        /** The options; throws IllegalArgumentException naming every invalid value. */
        public EmulatorOptions build() {
            StringBuilder problems = new StringBuilder();
            check(problems, port >= 0 && port <= 65535, "port must be 0..65535: " + port);
            check(problems, !apiKey.isBlank(), "apiKey must not be blank");
            check(problems, !firstByteLatency.isNegative(), "firstByteLatency must not be negative");
            check(problems, !chunkGap.isNegative(), "chunkGap must not be negative");
            check(problems, chunks >= 1, "chunks must be >= 1: " + chunks);
            check(problems, requestsPerMinute >= 0, "requestsPerMinute must be >= 0: " + requestsPerMinute);
            check(problems, tokensPerMinute >= 0, "tokensPerMinute must be >= 0: " + tokensPerMinute);
            check(problems, requestsPerDay >= 0, "requestsPerDay must be >= 0: " + requestsPerDay);
            check(problems, maxConcurrentStreams >= 0, "maxConcurrentStreams must be >= 0: " + maxConcurrentStreams);
            check(problems, chaosFraction >= 0 && chaosFraction <= 1, "chaosFraction must be 0..1: " + chaosFraction);
            check(problems, revokeTokensAfter >= 0, "revokeTokensAfter must be >= 0: " + revokeTokensAfter);
            check(problems, tokenLifetime.toSeconds() >= 1, "tokenLifetime must be >= 1s: " + tokenLifetime);
            check(problems, tokenClaimedLifetime == null || tokenClaimedLifetime.toSeconds() >= 1,
                    "tokenClaimedLifetime must be >= 1s: " + tokenClaimedLifetime);
            check(problems, flexShedRate >= 0 && flexShedRate <= 1, "flexShedRate must be 0..1: " + flexShedRate);
            check(problems, priorityDowngradeRate >= 0 && priorityDowngradeRate <= 1,
                    "priorityDowngradeRate must be 0..1: " + priorityDowngradeRate);
            check(problems, tls == null || !http2, "tls and http2 (h2c) exclude each other: over TLS"
                    + " ALPN offers h2 itself");
            check(problems, cacheExpireAfterUses >= 0, "cacheExpireAfterUses must be >= 0: " + cacheExpireAfterUses);
            if (problems.length() > 0) {
                throw new IllegalArgumentException("invalid emulator options:" + problems);
            }
            return new EmulatorOptions(this);
        }

        private static void check(StringBuilder problems, boolean ok, String message) {
            if (!ok) {
                problems.append("\n  ").append(message);
            }
        }
    }
}
