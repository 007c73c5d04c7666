/**
 * Answers reused instead of paid again: identical requests sent once per run (dedupe), each
 * task's finished answers journaled for its retries and for {@code --resume}, and what a resumed
 * or retry-failed run already has, and what the answer store holds. Door: {@code JournaledRun}.
 * May use: config, model, output, pipeline, report, store, Spark.
 */
package dev.gembatch.reuse;
