/**
 * The answer store across runs: answers kept by request_id in typed, versioned Parquet segments
 * under {@code store.path}, looked up with a Spark join before a row is sent, committed
 * atomically once a run's output is written, compacted and described on demand. Door:
 * {@code AnswerStore}. May use: config, model, output, Spark, Jackson.
 */
package dev.gembatch.store;
