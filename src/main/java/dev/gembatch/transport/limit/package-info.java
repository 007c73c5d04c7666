/**
 * The per-JVM cap on requests in flight (fixed, or adaptive without collapsing on transient
 * faults) and the pacing of sends to a requests and tokens per minute quota: a bucket refilled at
 * this JVM's fixed share, or permits leased from the driver's ledger of the whole quota, which
 * also carries a spent per-day quota to every executor. Doors: {@code Limiter} (executor side),
 * {@code QuotaLeases} (driver side), {@code QuotaExhaustedException}. May use: config, the JDK.
 */
package dev.gembatch.transport.limit;
