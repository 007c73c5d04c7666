/**
 * The per-JVM cap on requests in flight (fixed, or adaptive without collapsing on transient
 * faults) and the quota bucket that paces sends to a requests and tokens per minute share.
 * Door: {@code Limiter}. May use: config, the JDK.
 */
package dev.gembatch.transport.limit;
