/**
 * Loads a job's HOCON over {@code reference.conf} (site overrides and {@code --set} on top),
 * validates every key at once (each problem with its key, origin and what was expected) and
 * produces the immutable, serializable settings records the other stages read; the only package
 * that imports Typesafe Config. Door: {@code JobConfig}. May use: model.
 */
package dev.gembatch.config;
